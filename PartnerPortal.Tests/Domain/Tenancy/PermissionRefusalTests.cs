using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Tenancy;

public sealed class PermissionRefusalTests : PermissionRefusalTestBase
{
    [Fact]
    public async Task RequestNumbers_SupportAgent_Is4030()
    {
        ActAs(Support);
        var before = Counts();

        ShouldBeRefused(await Service<NumberRequestService>().RequestAsync(_account.Id, [_noNumber], CancellationToken.None));
        ShouldBeRefused(await Service<SmsNumberService>().AddNumberAsync(_account.Id, _noNumber, CancellationToken.None));

        Counts().Should().Be(before);
    }

    [Fact]
    public async Task Templates_SupportAgent_ReadsButCannotChange()
    {
        ActAs(Support);
        var templates = Service<TemplateService>();

        (await templates.ListAsync(_account.Id, CancellationToken.None)).Value.Should().ContainSingle(t => t.Name == "Reminder");
        ShouldBeRefused(await templates.AddAsync(_account.Id, new TemplateInput("New", "Body"), CancellationToken.None));
        ShouldBeRefused(await templates.UpdateAsync(_account.Id, _template, new TemplateInput("Renamed", "Body"), CancellationToken.None));
        ShouldBeRefused(await templates.DeleteAsync(_account.Id, _template, CancellationToken.None));
    }

    [Fact]
    public async Task Forms_SupportAgent_Is4030()
    {
        ActAs(Support);

        ShouldBeRefused(await Service<FormService>().AddAsync(new FormInput("Intake", "https://forms.example/intake"), CancellationToken.None));
    }

    [Fact]
    public async Task Patients_SupportAgent_ReadsButCannotChange()
    {
        ActAs(Support);
        var recipients = Service<RecipientService>();
        var input = new RecipientInput(RecipientKind.Patient, "Jordan", "Ellis", new DateOnly(1984, 3, 12), "+16145550123", null);

        (await recipients.GetAsync(_account.Id, _patient, CancellationToken.None)).Succeeded.Should().BeTrue();
        ShouldBeRefused(await recipients.AddAsync(_account.Id, input with { FirstName = "Other" }, CancellationToken.None));
        ShouldBeRefused(await recipients.UpdateAsync(_account.Id, _patient, input with { LastName = "Changed" }, CancellationToken.None));
    }

    [Fact]
    public async Task Patients_Operator_CannotReadThem()
    {
        ActAs(TestActor.Operator());

        ShouldBeRefused(await Service<RecipientService>().SearchAsync(_account.Id, null, 0, 10, CancellationToken.None));
        ShouldBeRefused(await Service<RecipientService>().GetAsync(_account.Id, _patient, CancellationToken.None));
        ShouldBeRefused(await Service<OptOutService>().ListCurrentAsync(_account.Id, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Users_SupportAgent_ReadsTheListButCannotChangeIt()
    {
        ActAs(Support);
        var users = Service<UserAdministrationService>();

        (await users.ListAsync(CancellationToken.None)).Succeeded.Should().BeTrue();
        ShouldBeRefused(await users.CreateAsync(new NewUserRequest("new@northwind.test", "New", PortalRoles.SupportAgent), CancellationToken.None));
        ShouldBeRefused(await Service<UserAccessService>().ChangeRoleAsync("someone", PortalRoles.PartnerAdmin, null, CancellationToken.None));
        ShouldBeRefused(await Service<UserAccessService>().DisableAsync("someone", CancellationToken.None));
    }

    [Fact]
    public async Task ApiKeys_SupportAgent_ReadsTheListButCannotChangeIt()
    {
        ActAs(TestActor.PartnerAdmin(_partner.Id));
        var created = await Service<ApiKeyService>().CreateAsync("Integration", ApiKeyScope.Partner, null, CancellationToken.None);
        ActAs(Support);
        var keys = Service<ApiKeyService>();

        (await keys.ListAsync(CancellationToken.None)).Should().ContainSingle(k => k.Name == "Integration");
        ShouldBeRefused(await keys.CreateAsync("Another", ApiKeyScope.Partner, null, CancellationToken.None));
        ShouldBeRefused(await keys.RevokeAsync(created.Value!.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Webhooks_SupportAgent_ReadsButCannotChange()
    {
        ActAs(Support);
        var webhooks = Service<WebhookService>();

        (await webhooks.ListSubscriptionsAsync(CancellationToken.None)).Succeeded.Should().BeTrue();
        ShouldBeRefused(await webhooks.SubscribeAsync("https://hooks.example/portal", CancellationToken.None));
        ShouldBeRefused(await webhooks.SetEnabledAsync(1, false, CancellationToken.None));
        ShouldBeRefused(await webhooks.DeleteAsync(1, CancellationToken.None));
        ShouldBeRefused(await webhooks.SendTestEventAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task SmsSettings_SupportAgent_ReadsThemMaskedButCannotChangeThem()
    {
        ActAs(TestActor.PartnerAdmin(_partner.Id));
        var secret = (await Service<ProviderSettingsService>().GetAsync(_account.Id, CancellationToken.None)).Value!.CallbackSecret;
        ActAs(Support);
        var settings = Service<ProviderSettingsService>();
        var input = new ProviderSettingsInput("https://sms.example.com/messages", false, null, null, "Riverside");

        var read = await settings.GetAsync(_account.Id, CancellationToken.None);

        read.Value!.CanChange.Should().BeFalse();
        read.Value.CallbackSecret.Should().Be(ProviderSettingsService.MaskedSecret).And.NotBe(secret);
        ShouldBeRefused(await settings.SaveAsync(_account.Id, input, CancellationToken.None));
        ShouldBeRefused(await settings.TestConnectionAsync(_account.Id, input, CancellationToken.None));
        ShouldBeRefused(await settings.RotateCallbackSecretAsync(_account.Id, CancellationToken.None));
    }

    [Fact]
    public async Task PartnerBusinessDetails_SupportAgent_Is4030()
    {
        ActAs(Support);
        var update = new BusinessDetailsUpdate("Northwind", null, null, null, null, null, null, "US", "https://northwind.example",
            "Pat", "Lee", "pat@northwind.example", "+16145550100");

        ShouldBeRefused(await Service<PartnerService>().UpdateBusinessDetailsAsync(_partner.Id, update, CancellationToken.None));
    }

    [Fact]
    public async Task PhiDirective_SupportAgent_Is4030()
    {
        ActAs(Support);

        ShouldBeRefused(await Service<PhiDirectiveService>().UpdateAsync(30, CancellationToken.None));
    }

    [Fact]
    public async Task VerificationDecision_PartnerAdmin_Is4030()
    {
        ActAs(TestActor.PartnerAdmin(_partner.Id));
        var requested = await Service<NumberRequestService>().RequestAsync(_account.Id, [_noNumber], CancellationToken.None);

        ShouldBeRefused(await Service<VerificationService>().ApproveAsync(requested.Value!.VerificationRequestId, CancellationToken.None));
    }
}

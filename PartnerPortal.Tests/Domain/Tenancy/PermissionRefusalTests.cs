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

/// <summary>
/// DESIGN §1 re-checked by the domain services, not only the UI: each change a role may not make is refused with
/// 4030 "You do not have permission to do this." and leaves nothing behind; Operators read metadata, never PHI.
/// </summary>
public sealed class PermissionRefusalTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly ServiceProvider _services;
    private readonly Partner _partner;
    private readonly Account _account;
    private readonly int _approved;
    private readonly int _noNumber;
    private readonly int _patient;
    private readonly int _template;
    private readonly long _message;

    public PermissionRefusalTests()
    {
        _services = WithSimulatedProvider(enabled: true);

        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside", null,
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null));
        _approved = db.Locations.Single(l => l.ExternalId == "dublin").Id;
        _noNumber = db.Locations.Single(l => l.ExternalId == "powell").Id;
        var patient = new Recipient
        {
            AccountId = _account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
            DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123", CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Recipients.Add(patient);
        var template = new Template { AccountId = _account.Id, Name = "Reminder", Body = "See you soon", CreatedAt = TestData.Now, UpdatedAt = TestData.Now };
        db.Templates.Add(template);
        db.SaveChanges();
        var message = new Message
        {
            AccountId = _account.Id, LocationId = _approved, RecipientId = patient.Id, ToNumber = "+16145550123", Kind = MessageKind.SmsText,
            Content = "Your biopsy results are ready", Encoding = SegmentCalculator.Gsm7, SegmentCount = 1, Status = MessageStatus.Delivered,
            CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Messages.Add(message);
        db.InboundMessages.Add(new InboundMessage
        {
            AccountId = _account.Id, FromNumber = "+16145550123", ToNumber = "+12195550114", Text = "Thanks, see you Tuesday",
            ReceivedAt = TestData.Now, ProviderMessageId = "in-1",
        });
        db.SaveChanges();
        (_patient, _template, _message) = (patient.Id, template.Id, message.Id);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The group commit is only IAsyncDisposable.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private T Service<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private void ActAs(Actor actor) => _actor.Current = actor;

    private Actor Support => TestActor.SupportAgent(_partner.Id);

    private static void ShouldBeRefused(Result result)
    {
        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        result.FirstError.Message.Should().Be("You do not have permission to do this.");
    }

    private (int Messages, int Recipients, int Audit, int Verifications) Counts()
    {
        using var db = _database.CreateDbContext();
        return (db.Messages.Count(), db.Recipients.Count(), db.AuditEntries.Count(), db.VerificationRequests.Count());
    }

    private SendRequest Text(int location) => new()
    {
        AccountId = _account.Id, LocationId = location, RecipientId = _patient, Content = "Your appointment is tomorrow at 9am.",
    };

    public static TheoryData<string> NotSenders => [PortalRoles.SupportAgent, PortalRoles.Operator];

    [Theory]
    [MemberData(nameof(NotSenders))]
    public async Task SendAsync_RoleThatCannotSend_Is4030AndWritesNothing(string role)
    {
        ActAs(role == PortalRoles.Operator ? TestActor.Operator() : Support);
        var before = Counts();

        // Even the first SMS of a location without a number (which would request one) is refused first.
        ShouldBeRefused(await Service<SendService>().SendAsync(Text(_noNumber), CancellationToken.None));
        ShouldBeRefused(await Service<SendService>().SendAsync(Text(_approved), CancellationToken.None));

        Counts().Should().Be(before);
    }

    [Fact]
    public async Task SendAsync_InlineRecipientBySupportAgent_CreatesNoPatient()
    {
        ActAs(Support);
        var before = Counts();

        var result = await Service<SendService>().SendAsync(new SendRequest
        {
            AccountId = _account.Id, LocationId = _approved, Content = "Hello",
            Recipient = new InlineRecipient("+16145550177", null, RecipientKind.Patient, "New", "Patient", new DateOnly(1990, 1, 1)),
        }, CancellationToken.None);

        ShouldBeRefused(result);
        Counts().Should().Be(before);
    }

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

    [Fact]
    public async Task MessagePage_Operator_GetsMetadataWithoutContentRecipientOrReplies()
    {
        ActAs(TestActor.Operator());

        var message = (await Service<MessageTimelineService>().GetAsync(_message, CancellationToken.None)).Value!;

        message.PhiHidden.Should().BeTrue();
        message.Content.Should().BeNull();
        message.RecipientName.Should().BeNull();
        message.To.Should().BeNull();
        message.Thread.Should().BeEmpty();
        message.Status.Should().Be(MessageStatus.Delivered);
        message.AccountName.Should().Be(_account.BusinessName);
    }

    [Fact]
    public async Task MessagePage_PartnerAdmin_GetsContentAndReplies()
    {
        ActAs(TestActor.PartnerAdmin(_partner.Id));

        var message = (await Service<MessageTimelineService>().GetAsync(_message, CancellationToken.None)).Value!;

        message.PhiHidden.Should().BeFalse();
        message.Content.Should().Be("Your biopsy results are ready");
        message.Thread.Should().Contain(e => e.Inbound && e.Text == "Thanks, see you Tuesday");
    }

    [Fact]
    public async Task MessageList_Operator_GetsMetadataOnly()
    {
        ActAs(TestActor.Operator());

        var page = (await Service<MessageService>().ListAsync(_account.Id, 0, 10, CancellationToken.None)).Value!;

        page.Items.Should().ContainSingle().Which.Should().Match<MessageSummary>(m =>
            m.RecipientName == null && m.To == null && m.Status == MessageStatus.Delivered && m.LocationName == "Dublin");
    }

    [Fact]
    public async Task SendAsync_NoProviderUrlAndSimulatedProviderOff_Is4060AndWritesNothing()
    {
        await using var services = WithSimulatedProvider(enabled: false);
        ActAs(TestActor.PracticeStaff(_partner.Id, _account.Id));
        var before = Counts();

        var result = await services.CreateScope().ServiceProvider.GetRequiredService<SendService>().SendAsync(Text(_approved), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NoProvider);
        result.FirstError.Message.Should().Be("No SMS provider is configured for this account.");
        Counts().Should().Be(before);
        (await services.CreateScope().ServiceProvider.GetRequiredService<ProviderSettingsService>()
            .HasNoProviderAsync(_account.Id, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_ProviderUrlAndSimulatedProviderOff_IsStored()
    {
        using (var db = _database.CreateDbContext())
        {
            db.ProviderSettings.Add(new ProviderSettings
            {
                AccountId = _account.Id, ProviderUrl = "https://sms.example.com/messages", ProtectedCallbackSecret = "x",
                CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
            });
            db.SaveChanges();
        }

        await using var services = WithSimulatedProvider(enabled: false);
        ActAs(TestActor.PracticeStaff(_partner.Id, _account.Id));

        var result = await services.CreateScope().ServiceProvider.GetRequiredService<SendService>().SendAsync(Text(_approved), CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
    }

    [Fact]
    public async Task SendAsync_NoProviderUrlAndSimulatedProviderOn_IsStored()
    {
        ActAs(TestActor.PracticeStaff(_partner.Id, _account.Id));

        var result = await Service<SendService>().SendAsync(Text(_approved), CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
    }

    private ServiceProvider WithSimulatedProvider(bool enabled)
    {
        var configuration = TestHost.Configuration();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddPortalDomain();
        services.AddPortalInfrastructure(configuration, TestHost.Environment);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(_database);
        services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        services.AddSingleton<ICurrentActor>(_actor);
        services.PostConfigure<DeliveryOptions>(o => o.SimulatedProvider.Enabled = enabled);
        return services.BuildServiceProvider();
    }
}

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

public sealed class PermissionRefusalMessagingTests : PermissionRefusalTestBase
{
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
}

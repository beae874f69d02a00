using Bunit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Features.Messages;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Messages;

public sealed class OptOutsSectionTests : PortalTestContext
{
    private readonly int _accountId;

    public OptOutsSectionTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        _accountId = account.Id;
        db.Recipients.Add(new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Tom", LastName = "Baker", Mobile = "+16145550000" });
        db.OptOuts.Add(new OptOut { AccountId = account.Id, Phone = "+16145550000", Keyword = "STOP", OptedOutAt = TestData.Now });
        db.InboundMessages.AddRange(
            new InboundMessage { AccountId = account.Id, FromNumber = "+16145550124", Text = "stop", ProviderMessageId = "in-1", Action = InboundAction.OptOut, Keyword = "STOP", ReceivedAt = TestData.Now.AddHours(-2) },
            new InboundMessage { AccountId = account.Id, FromNumber = "+16145550124", Text = "start", ProviderMessageId = "in-2", Action = InboundAction.OptIn, Keyword = "START", ReceivedAt = TestData.Now.AddHours(-1) },
            new InboundMessage { AccountId = account.Id, FromNumber = "+16145550124", Text = "thanks", ProviderMessageId = "in-3", ReceivedAt = TestData.Now });
        db.SaveChanges();
        ActAs(TestActor.SupportAgent(partner.Id));
    }

    [Fact]
    public void Render_ListsCurrentOptOutsWithRecipient()
    {
        var section = Render<OptOutsSection>(p => p.Add(x => x.AccountId, _accountId));

        section.WaitForAssertion(() => section.Find("[data-testid='opt-outs-current'] tbody").TextContent
            .Should().Contain("+16145550000").And.Contain("Tom Baker").And.Contain("STOP"));
    }

    [Fact]
    public async Task ListHistory_OptOutThenOptIn_NewestFirstWithoutOrdinaryTexts()
    {
        var history = await Services.GetService<OptOutService>()!.ListHistoryAsync(_accountId, 0, 10, CancellationToken.None);

        history.Value!.Items.Select(e => (e.Action, e.Keyword)).Should().Equal((InboundAction.OptIn, "START"), (InboundAction.OptOut, "STOP"));
    }
}

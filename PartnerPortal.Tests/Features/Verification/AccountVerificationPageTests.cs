using Bunit;
using MudBlazor;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Features.Verification;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Verification;

public sealed class AccountVerificationPageTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public AccountVerificationPageTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null, ("powell", "Powell", SmsNumberStatus.NoNumber, null)).Id;
    }

    private async Task<int> RequestPowellAsync()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));
        var numbers = Services.GetService(typeof(SmsNumberService)) as SmsNumberService;
        using var db = Database.CreateDbContext();
        var locationId = db.Locations.Single(l => l.AccountId == _accountId && l.ExternalId == "powell").Id;
        var result = await numbers!.AddNumberAsync(_accountId, locationId, CancellationToken.None);
        return result.Value!.VerificationRequestId;
    }

    private IRenderedComponent<AccountVerificationPage> RenderPage()
    {
        var page = Render<AccountVerificationPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='verification-account-riverside']"));
        return page;
    }

    [Fact]
    public async Task Render_Operator_PendingRequestHasApproveAndReject()
    {
        await RequestPowellAsync();
        ActAs(TestActor.Operator());

        var page = RenderPage();

        page.Find("[data-testid='verification-status']").TextContent.Should().Be("Pending");
        page.FindAll("[data-testid='approve']").Should().ContainSingle();
        page.FindAll("[data-testid='reject']").Should().ContainSingle();
        page.Markup.Should().Contain("Powell");
    }

    [Fact]
    public async Task Render_PartnerAdmin_SeesRequestWithoutDecisionButtons()
    {
        await RequestPowellAsync();
        ActAs(TestActor.PartnerAdmin(_partnerId));

        var page = RenderPage();

        page.Find("[data-testid='verification-status']").TextContent.Should().Be("Pending");
        page.FindAll("[data-testid='approve']").Should().BeEmpty();
        page.FindAll("[data-testid='reject']").Should().BeEmpty();
    }

    [Fact]
    public async Task Approve_Operator_RowShowsApprovedWithNumber()
    {
        await RequestPowellAsync();
        ActAs(TestActor.Operator());
        var page = RenderPage();

        page.Find("[data-testid='approve']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='verification-status']").TextContent.Should().Be("Approved"));
        page.Find("[data-testid='verification-location']").TextContent.Should().MatchRegex(@"Powell: \(\d{3}\) 555-\d{4}");
        page.FindAll("[data-testid='approve']").Should().BeEmpty();
    }

    [Fact]
    public async Task Reject_OperatorEntersReason_RowShowsRejectedWithReason()
    {
        await RequestPowellAsync();
        ActAs(TestActor.Operator());
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='reject']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("textarea[data-testid='reject-reason']"));
        dialogs.Find("textarea[data-testid='reject-reason']").Change("Address does not match the website.");
        dialogs.Find("[data-testid='reject-confirm']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='verification-status']").TextContent.Should().Be("Rejected"));
        page.Markup.Should().Contain("Address does not match the website.");
    }

    [Fact]
    public async Task Reject_WithoutReason_DialogStaysOpenAndNothingDecided()
    {
        await RequestPowellAsync();
        ActAs(TestActor.Operator());
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='reject']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='reject-confirm']"));
        dialogs.Find("[data-testid='reject-confirm']").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Enter the reason for the rejection."));
        using var db = Database.CreateDbContext();
        db.VerificationRequests.Single().Status.Should().Be(VerificationStatus.Pending);
    }

    [Fact]
    public async Task SubmittedData_Toggle_ShowsSnapshot()
    {
        await RequestPowellAsync();
        ActAs(TestActor.PartnerAdmin(_partnerId));
        var page = RenderPage();

        page.Find("[data-testid='toggle-details']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='submitted-data']").TextContent
            .Should().Contain("riverside Clinic").And.Contain("2 Elm Street").And.Contain("https://www.riverside.example").And.Contain("Dana Whitfield"));
    }
}

using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Features.Users;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Users;

// Re-implements IAsyncLifetime.InitializeAsync to seed the users; disposal stays the base context's.
public sealed class UsersPageTests : PortalTestContext, IAsyncLifetime
{
    private readonly int _northwindId;
    private readonly int _contosoId;
    private string _adminId = "";

    public UsersPageTests()
    {
        Services.AddTestIdentity(Database);
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        _northwindId = northwind.Id;
        _contosoId = TestData.AddPartner(db, "contoso").Id;
        TestData.AddAccount(db, northwind, "riverside");
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await TestIdentity.EnsureRolesAsync(Services);
        _adminId = await TestIdentity.AddUserAsync(Services, "admin@northwind.test", PortalRoles.PartnerAdmin, _northwindId, displayName: "Avery Admin");
        await TestIdentity.AddUserAsync(Services, "support@northwind.test", PortalRoles.SupportAgent, _northwindId, displayName: "Sydney Support");
        await TestIdentity.AddUserAsync(Services, "admin@contoso.test", PortalRoles.PartnerAdmin, _contosoId);
        ActAs(new Actor(ActorKind.User, _adminId, "Avery Admin", PortalRoles.PartnerAdmin, _northwindId, null, "127.0.0.1"));
    }

    private IRenderedComponent<UsersPage> RenderPage()
    {
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid='user-email']").Should().NotBeEmpty());
        return page;
    }

    private static IElement RowOf(IRenderedComponent<UsersPage> page, string email) =>
        page.FindAll("tr").Single(row => row.QuerySelector("[data-testid='user-email']")?.TextContent == email);

    [Fact]
    public async Task UsersPage_PartnerAdmin_ListsItsUsersWithRoleLastSignInAndStatus()
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == _adminId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, TestData.Now.AddHours(-2)));
        }

        var page = RenderPage();

        page.FindAll("[data-testid='user-email']").Select(e => e.TextContent).Should().Equal("admin@northwind.test", "support@northwind.test");
        var admin = RowOf(page, "admin@northwind.test");
        admin.TextContent.Should().Contain("Partner Admin").And.Contain("2 hours ago").And.Contain("You cannot change your own access.");
        var support = RowOf(page, "support@northwind.test");
        support.QuerySelector("[data-testid='user-role']")!.TextContent.Should().Be("Support Agent");
        support.TextContent.Should().Contain("Never");
        support.QuerySelector("[data-testid='user-status']")!.TextContent.Trim().Should().Be("Active");
    }

    [Fact]
    public void UsersPage_AddUser_ShowsTheGeneratedPasswordOnceAndListsTheUser()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='add-user']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='new-user-email']"));
        dialogs.Find("[data-testid='new-user-email']").Change("casey@northwind.test");
        dialogs.Find("[data-testid='new-user-name']").Change("Casey Agent");
        dialogs.Find("[data-testid='create-user-submit']").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='initial-password']").GetAttribute("value")!.Length.Should().BeGreaterThanOrEqualTo(12));
        dialogs.Find("[data-testid='create-user-done']").Click();
        page.WaitForAssertion(() => RowOf(page, "casey@northwind.test").TextContent.Should().Contain("Support Agent"));
        dialogs.FindAll("[data-testid='initial-password']").Should().BeEmpty();
    }

    [Fact]
    public void UsersPage_AddPracticeStaffWithoutAccount_AsksForTheAccount()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='add-user']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='new-user-email']"));
        dialogs.Find("[data-testid='new-user-email']").Change("staff@northwind.test");
        dialogs.Find("[data-testid='new-user-name']").Change("Staff");
        dialogs.Find("[data-testid='role-PracticeStaff']").Click();
        dialogs.Find("[data-testid='create-user-submit']").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Practice staff need an account."));
        dialogs.FindAll("[data-testid='initial-password']").Should().BeEmpty();
    }

    [Fact]
    public void UsersPage_ChangeRole_ShowsTheNewRoleAndAuditsIt()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='change-role-support@northwind.test']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='role-PartnerAdmin']"));
        dialogs.Find("[data-testid='role-PartnerAdmin']").Click();
        dialogs.Find("[data-testid='change-role-submit']").Click();

        page.WaitForAssertion(() => RowOf(page, "support@northwind.test").QuerySelector("[data-testid='user-role']")!.TextContent.Should().Be("Partner Admin"));
        using var db = Database.CreateDbContext();
        db.AuditEntries.Single().Action.Should().Be("user.role_changed");
    }

    [Fact]
    public void UsersPage_DisableUser_AfterConfirmingShowsDisabled()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='toggle-disabled-support@northwind.test']").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Disable support@northwind.test?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();

        page.WaitForAssertion(() => RowOf(page, "support@northwind.test").QuerySelector("[data-testid='user-status']")!.TextContent.Trim().Should().Be("Disabled"));
        RowOf(page, "support@northwind.test").QuerySelector("[data-testid='toggle-disabled-support@northwind.test']")!.TextContent.Trim().Should().Be("Enable");
    }

    [Fact]
    public void UsersPage_SupportAgent_ReadsWithoutChangeButtons()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid='user-email']").Should().NotBeEmpty());
        page.FindAll("[data-testid='add-user']").Should().BeEmpty();
        page.FindAll("[data-testid^='change-role-']").Should().BeEmpty();
        page.FindAll("[data-testid^='toggle-disabled-']").Should().BeEmpty();
    }
}

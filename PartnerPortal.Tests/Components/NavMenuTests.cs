using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Components.Layout;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Components;

/// <summary>
/// DESIGN §1/§7: each role's navigation shows only pages it may open. Every link is checked against the policy of the
/// page it leads to (its <c>[Authorize(Policy = ...)]</c>), so a link that would answer "Access denied" fails here.
/// </summary>
public sealed class NavMenuTests : PortalTestContext
{
    public static TheoryData<string> Roles => [.. PortalRoles.All];

    private static readonly IReadOnlyDictionary<string, AuthorizeAttribute?> PagePolicies = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Route: r.Template.Trim('/'), Authorize: t.GetCustomAttribute<AuthorizeAttribute>())))
        .GroupBy(p => p.Route)
        .ToDictionary(g => g.Key, g => g.First().Authorize);

    private static Actor ActorFor(string role) => role switch
    {
        PortalRoles.PartnerAdmin => TestActor.PartnerAdmin(1),
        PortalRoles.SupportAgent => TestActor.SupportAgent(1),
        PortalRoles.PracticeStaff => TestActor.PracticeStaff(1, 1),
        _ => TestActor.Operator(),
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void NavMenu_Role_LinksOnlyToPagesTheRoleMayOpen(string role)
    {
        ActAs(ActorFor(role));

        var links = Render<NavMenu>().FindAll("a").Select(a => (a.GetAttribute("href") ?? "").Trim('/')).ToList();

        links.Should().NotBeEmpty();
        foreach (var link in links)
        {
            PagePolicies.Should().ContainKey(link, $"the navigation links to {link}");
            var policy = PagePolicies[link]?.Policy;
            if (policy is not null)
            {
                PortalPolicies.Allows(policy, role).Should().BeTrue($"{role} sees a link to /{link}, whose page needs {policy}");
            }
        }
    }

    [Fact]
    public void NavMenu_PracticeStaff_NoPartnerPages()
    {
        ActAs(TestActor.PracticeStaff(1, 1));

        Render<NavMenu>().FindAll("a").Select(a => a.TextContent.Trim()).Should().Contain("Home")
            .And.NotContain(["Account Verification", "Accounts", "Audit Log", "Business Details", "Form Keys", "Users", "Webhooks",
                "PHI Directive", "Reports", "API Keys"]);
    }

    [Fact]
    public void NavMenu_Operator_ReadsAccountsButNoPartnerSettings()
    {
        ActAs(TestActor.Operator());

        Render<NavMenu>().FindAll("a").Select(a => a.TextContent.Trim()).Should()
            .Contain(["Home", "Account Verification", "Accounts", "Audit Log", "Business Details", "Reports"])
            .And.NotContain(["Form Keys", "Users", "Webhooks", "PHI Directive", "API Keys"]);
    }

    [Fact]
    public void NavMenu_CurrentPage_ItsLinkIsMarkedActiveAndFollowsNavigation()
    {
        ActAs(TestActor.PartnerAdmin(1));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("accounts/12");

        var menu = Render<NavMenu>();

        Active(menu).Should().Equal("Accounts");
        navigation.NavigateTo("audit-log?page=2");
        menu.WaitForAssertion(() => Active(menu).Should().Equal("Audit Log"));
        navigation.NavigateTo("");
        menu.WaitForAssertion(() => Active(menu).Should().Equal("Home"));
    }

    private static List<string> Active(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a[aria-current='page']").Select(a => a.TextContent.Trim()).ToList();
}

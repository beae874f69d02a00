using System.Reflection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA (axe-core rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa) on every page of the app's route table, for
/// every role its authorization admits, and with the dialogs open. Pages come from the route table, so a new page is
/// checked without a change here; a page whose route has parameters needs a row in <see cref="ParameterisedRoutes"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture fixture)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>How to reach each route with parameters, from the demo data.</summary>
    private static readonly Dictionary<string, Func<DemoIds, string>> ParameterisedRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/accounts/{Id:int}"] = ids => $"/accounts/{ids.Riverside}",
        ["/accounts/{AccountId:int}/templates"] = ids => $"/accounts/{ids.Riverside}/templates",
        ["/accounts/{AccountId:int}/recipients"] = ids => $"/accounts/{ids.Riverside}/recipients",
        ["/accounts/{AccountId:int}/sms-settings"] = ids => $"/accounts/{ids.Riverside}/sms-settings",
        ["/accounts/{AccountId:int}/inbox"] = ids => $"/accounts/{ids.Riverside}/inbox",
        ["/messages/{Id:long}"] = ids => $"/messages/{ids.Message}",
        ["/s/{Token}"] = _ => "/s/not-a-valid-link",
        ["/Account/Manage/RenamePasskey/{Id}"] = _ => "/Account/Manage/RenamePasskey/none",
    };

    /// <summary>Identity scaffold pages that only exist in the middle of a flow the demo cannot start (an error or a
    /// redirect to a page checked here otherwise).</summary>
    private static readonly HashSet<string> NotReachable = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ExternalLogin", "/Account/ConfirmEmail",
        "/Account/ConfirmEmailChange", "/Account/ResetPassword", "/Account/Manage/RenamePasskey/{Id}",
        // Only for a user with two-factor authentication on (the demo users have it off: the pages answer an error).
        "/Account/Manage/Disable2fa", "/Account/Manage/GenerateRecoveryCodes",
    };

    public static TheoryData<string> Roles => new()
    {
        PortalRoles.PartnerAdmin, PortalRoles.SupportAgent, PortalRoles.PracticeStaff, PortalRoles.Operator, "Anonymous",
    };

    private static string? EmailOf(string role) => role switch
    {
        PortalRoles.PartnerAdmin => "admin@northwind.test",
        PortalRoles.SupportAgent => "support@northwind.test",
        PortalRoles.PracticeStaff => "staff@riverside.test",
        PortalRoles.Operator => "operator@vendor.test",
        _ => null,
    };

    [SkippableTheory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_AsRole_HasNoAxeViolations(string role)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var ids = await DemoIdsAsync();
        var page = EmailOf(role) is { } email ? await fixture.SignInAsync(email) : await AnonymousPageAsync();
        var violations = new List<string>();

        foreach (var route in Routes().Where(r => r.Admits(role) && !NotReachable.Contains(r.Template)))
        {
            // The Identity pages look the same for every signed-in role: checked as partner admin (and anonymously).
            if (route.Template.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) && role is not (PortalRoles.PartnerAdmin or "Anonymous"))
            {
                continue;
            }

            var url = route.HasParameters
                ? ParameterisedRoutes.TryGetValue(route.Template, out var reach) ? reach(ids) : throw new InvalidOperationException(
                    $"{route.Template} has route parameters: add how to reach it to AccessibilityBrowserTests.ParameterisedRoutes.")
                : route.Template;
            try
            {
                await page.GotoAsync(url);
                await SettledAsync(page, route.Interactive);
                violations.AddRange(await AxeAsync(page, $"{role} {url}"));
            }
            catch (PlaywrightException exception)
            {
                violations.Add($"{role} {url}: could not be checked: {exception.Message.Split('\n')[0]}");
            }
        }

        await page.Context.CloseAsync();
        violations.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Dialogs_Open_HaveNoAxeViolations()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var ids = await DemoIdsAsync();
        var violations = new List<string>();

        // The Send dialog, and its missing-information form (Lakeside has no street address).
        var admin = await fixture.SignInAsync("admin@northwind.test");
        await admin.GotoAsync($"/accounts/{ids.Riverside}");
        await SettledAsync(admin);
        await admin.GetByTestId("send-text-button").ClickAsync();
        await Expect(admin.Locator(".mud-dialog input[data-testid=send-from]")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(admin, "Send dialog"));

        await admin.GotoAsync($"/accounts/{ids.Lakeside}");
        await SettledAsync(admin);
        await admin.GetByTestId("send-text-button").ClickAsync();
        await admin.Locator(".mud-dialog").GetByText("Update Business Information").ClickAsync();
        await Expect(admin.Locator(".mud-dialog [data-testid=business-info-form]")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(admin, "missing-information form"));

        // Create user.
        await admin.GotoAsync("/users");
        await SettledAsync(admin);
        await admin.GetByTestId("add-user").ClickAsync();
        await Expect(admin.Locator(".mud-dialog")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(admin, "create user dialog"));
        await admin.Context.CloseAsync();

        // The verification decision (reject, with its reason).
        var operatorPage = await fixture.SignInAsync("operator@vendor.test");
        await operatorPage.GotoAsync("/account-verification");
        await SettledAsync(operatorPage);
        await operatorPage.GetByTestId("reject").First.ClickAsync();
        await Expect(operatorPage.Locator(".mud-dialog")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(operatorPage, "verification decision dialog"));
        await operatorPage.Context.CloseAsync();

        violations.Should().BeEmpty();
    }

    private async Task<IPage> AnonymousPageAsync()
    {
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Interactive pages: the circuit is up and nothing is loading any more. Static pages: loaded.</summary>
    private static async Task SettledAsync(IPage page, bool interactive = true)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (interactive && await page.Locator(".mud-layout[data-interactive]").CountAsync() > 0)
        {
            await Expect(page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        }

        await Expect(page.Locator(".mud-progress-linear, .mud-progress-circular, .mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
    }

    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        return result.Violations.Select(v =>
            $"{where}: {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))} [{v.Nodes.Length} nodes]");
    }

    private async Task<DemoIds> DemoIdsAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var riverside = await db.Accounts.Where(a => a.ExternalId == "riverside").Select(a => a.Id).SingleAsync();
        var lakeside = await db.Accounts.Where(a => a.ExternalId == "lakeside").Select(a => a.Id).SingleAsync();
        var message = await db.Messages.Where(m => m.AccountId == riverside).Select(m => (long?)m.Id).FirstOrDefaultAsync() ?? 1;
        return new DemoIds(riverside, lakeside, message);
    }

    private sealed record DemoIds(int Riverside, int Lakeside, long Message);

    private sealed record PageRoute(string Template, AuthorizeAttribute? Authorize, bool Interactive)
    {
        public bool HasParameters => Template.Contains('{');

        public bool Admits(string role)
        {
            if (Authorize is null)
            {
                return true;
            }

            if (role == "Anonymous")
            {
                return false;
            }

            var roles = Authorize.Policy is { } policy ? PortalPolicies.RolesFor(policy) : Authorize.Roles?.Split(',').Select(r => r.Trim());
            return roles is null || roles.Contains(role);
        }
    }

    /// <summary>Every routable component of the app (the router's own table: <c>@page</c> directives).</summary>
    private static IEnumerable<PageRoute> Routes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new PageRoute(r.Template,
                t.GetCustomAttribute<AllowAnonymousAttribute>() is null ? t.GetCustomAttribute<AuthorizeAttribute>() : null,
                t.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is null)))
            // The Identity pages last: Enable authenticator renews the user's key (and so its security stamp), which
            // signs the session out at the next re-validation.
            .OrderBy(r => r.Template.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase))
            .ThenBy(r => r.Template, StringComparer.Ordinal);
}

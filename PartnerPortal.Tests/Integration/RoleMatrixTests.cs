using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>
/// DESIGN §1 as a generated matrix: every <c>@page</c> route of the app's assembly and every endpoint of the app's
/// <see cref="EndpointDataSource"/>, asked by anonymous, each of the four roles and both kinds of API key, with the
/// caller's own ids and foreign ids (another account of the partner, another partner), over HTTP on the demo data.
/// The expected answer of each route is one row of <see cref="Rules"/>: a route without a row fails the test, so a
/// new page or endpoint must say who may open it. To add a page: one line, e.g.
/// <c>["/partners"] = Page(PortalPolicies.OnboardPartners),</c>.
/// </summary>
public sealed partial class RoleMatrixTests(RoleMatrixTests.AppFixture fixture) : IClassFixture<RoleMatrixTests.AppFixture>
{
    public enum Caller { Anonymous, PartnerAdmin, SupportAgent, PracticeStaff, Operator, PartnerApiKey, IntegrationApiKey }

    /// <summary>Whose ids a request carries: Riverside's (the callers' own), Lakeside's (same partner), Contoso's (another partner).</summary>
    public enum Ids { None, Own, OtherAccount, OtherPartner }

    public enum Expect
    {
        /// <summary>200 with the page's content (no "was not found").</summary>
        Page,

        /// <summary>200, the page says the record was not found (tenancy: another tenant's id is "not found").</summary>
        NotFound,

        /// <summary>302 to /Account/AccessDenied: the role lacks the page's policy.</summary>
        AccessDenied,

        /// <summary>302 to /Account/Login: not signed in (API keys do not sign in to pages).</summary>
        Login,

        /// <summary>Answered without "Access denied", a sign-in redirect or a server error (Identity scaffold, health, docs).</summary>
        Reachable,

        /// <summary>Anything but a redirect to "Access denied" (Identity scaffold pages called without their parameters).</summary>
        NotAccessDenied,

        /// <summary>API: answered by the endpoint (not 4010, 4030 or 4040).</summary>
        ApiAllowed,

        /// <summary>API: 401 with code 4010 in the API's body shape.</summary>
        Api4010,

        /// <summary>API: 403 with code 4030 in the API's body shape.</summary>
        Api4030,

        /// <summary>API: 404 with code 4040 in the API's body shape.</summary>
        Api4040,

        /// <summary>Refused with a 4xx (provider callbacks and the simulated provider authenticate by signature, not by role).</summary>
        Refused,

        /// <summary>Framework plumbing (the Blazor hub, redirects, the file fallback): listed, not requested.</summary>
        NotRequested,
    }

    /// <summary>
    /// A route's rule: the expected answer for a caller and ids, the ids worth trying (none given: the three accounts' when
    /// the route takes an id), and how to ask (given the route's path; default: GET with the ids filled in).
    /// </summary>
    public sealed record Rule(Func<Caller, Ids, Expect> Expected, Ids[] Variants, Func<string, Ids, AppFixture, HttpRequestMessage>? Request = null);

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();
    internal static readonly Ids[] AccountIds = [Ids.Own, Ids.OtherAccount, Ids.OtherPartner];

    /// <summary>The one table (in RoleMatrixRules): route (pages) or "METHOD route" (endpoints) → rule. Policies are those of PortalPolicies.</summary>
    private static readonly Dictionary<string, Rule> Rules = RoleMatrixRules.Rules;

    [Fact]
    public void EveryRoute_HasARule()
    {
        var missing = AppRoutes(fixture.Services).Where(route => !Rules.ContainsKey(route)).ToList();

        missing.Should().BeEmpty("every page and endpoint needs a row in RoleMatrixTests.Rules saying who may open it (DESIGN §1)");
    }

    [Fact]
    public async Task EveryRoute_AnswersEachCallerAsDesignSays()
    {
        var failures = new List<string>();
        foreach (var route in AppRoutes(fixture.Services).Where(Rules.ContainsKey))
        {
            var rule = Rules[route];
            foreach (var caller in Callers)
            {
                var variants = rule.Variants.Length > 0 ? rule.Variants : PathOf(route).Contains('{', StringComparison.Ordinal) ? AccountIds : [Ids.None];
                foreach (var ids in variants)
                {
                    var expected = rule.Expected(caller, ids);
                    if (expected == Expect.NotRequested)
                    {
                        continue;
                    }

                    using var request = rule.Request?.Invoke(PathOf(route), ids, fixture) ?? new HttpRequestMessage(HttpMethod.Get, fixture.Fill(PathOf(route), ids));
                    var url = request.RequestUri!.ToString();
                    using var response = await fixture.SendAsync(caller, request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (Check(expected, response, body) is { } problem)
                    {
                        failures.Add($"{route} as {caller} with {ids} ids ({url}): expected {expected}, {problem}");
                    }
                }
            }
        }

        // One line per wrong answer, so a failure shows the whole picture at once.
        failures.Should().BeEmpty("each of these answered otherwise than DESIGN §1 says:\n{0}", string.Join("\n", failures));
    }

    [Fact]
    public async Task MessagePage_Operator_ShowsMetadataWithoutContent()
    {
        var page = await (await fixture.SendAsync(Caller.Operator,
            new HttpRequestMessage(HttpMethod.Get, $"/messages/{fixture.MessageOf(Ids.Own)}"))).Content.ReadAsStringAsync();

        page.Should().Contain("Content is not shown to vendor staff.").And.Contain("Riverside Family Medicine");
        page.Should().NotContain(AppFixture.SecretContent).And.NotContain("+16145550123");
    }

    [Fact]
    public async Task MessagePage_PartnerAdmin_ShowsContent()
    {
        var page = await (await fixture.SendAsync(Caller.PartnerAdmin,
            new HttpRequestMessage(HttpMethod.Get, $"/messages/{fixture.MessageOf(Ids.Own)}"))).Content.ReadAsStringAsync();

        page.Should().Contain(AppFixture.SecretContent).And.NotContain("Content is not shown to vendor staff.");
    }

    /// <summary>Every page route (route attributes of the app's components) and every endpoint, static files aside.</summary>
    private static IReadOnlyList<string> AppRoutes(IServiceProvider services)
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template);
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Select(e => (Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods, Route: "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Select(e => e.Methods is { Count: > 0 } methods ? $"{string.Join(",", methods)} {e.Route}" : e.Route)
            .Select(key => key.Replace("GET,HEAD /{**path:file}", "GET,HEAD {**path:file}", StringComparison.Ordinal));
        return pages.Concat(endpoints).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    private static string PathOf(string route) => route.Contains(' ', StringComparison.Ordinal) ? route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..] : route;

    private static string? Check(Expect expected, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        var said = $"got {status}{(location.Length > 0 ? $" → {location}" : "")}";
        var deniedOrLogin = status == 302 && (location.Contains("/Account/AccessDenied", StringComparison.Ordinal) || location.Contains("/Account/Login", StringComparison.Ordinal));
        return expected switch
        {
            Expect.Page => status == 200 && !NotFoundPattern().IsMatch(body) ? null : NotFoundPattern().IsMatch(body) ? $"{said}, the page says not found" : said,
            Expect.NotFound => status == 200 && NotFoundPattern().IsMatch(body) ? null : $"{said}, without \"not found\"",
            Expect.AccessDenied => status == 302 && location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? null : said,
            Expect.Login => status == 302 && location.Contains("/Account/Login", StringComparison.Ordinal) ? null : said,
            Expect.Reachable => status < 500 && !deniedOrLogin ? null : said,
            Expect.NotAccessDenied => status == 302 && location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? said : null,
            Expect.ApiAllowed => status is not (401 or 403 or 404) && status < 500 ? null : $"{said}: {body}",
            Expect.Api4010 => ApiCode(status, body, 401, ResultCodes.Unauthenticated),
            Expect.Api4030 => ApiCode(status, body, 403, ResultCodes.Forbidden),
            Expect.Api4040 => ApiCode(status, body, 404, ResultCodes.NotFound),
            Expect.Refused => status is >= 400 and < 500 ? null : said,
            _ => null,
        };
    }

    /// <summary>The HTTP status and the code in the API's own body shape (Partner API <c>responseCode</c>, Integration API <c>code</c>).</summary>
    private static string? ApiCode(int status, string body, int expectedStatus, int expectedCode)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var code = json.RootElement.TryGetProperty("responseCode", out var partner) ? partner.GetInt32()
                : json.RootElement.TryGetProperty("code", out var problem) ? problem.GetInt32() : 0;
            return status == expectedStatus && code == expectedCode ? null : $"got {status} with code {code}: {body}";
        }
        catch (JsonException)
        {
            return $"got {status} without a JSON body: {body}";
        }
    }

    [GeneratedRegex("was not found", RegexOptions.IgnoreCase)]
    private static partial Regex NotFoundPattern();

    /// <summary>The app on the demo data, a signed-in client per role and a message in each of the three accounts.</summary>
    public sealed partial class AppFixture : PortalAppFactory, IAsyncLifetime
    {
        public const string SecretContent = "Role matrix: your results are ready";

        private readonly Dictionary<Caller, HttpClient> _clients = new();
        private readonly Dictionary<Ids, int> _accounts = new();
        private readonly Dictionary<Ids, long> _messages = new();

        public long MessageOf(Ids ids) => _messages[ids];

        /// <summary>Puts the ids into a route template (<c>{Id:int}</c>, <c>{AccountId:int}</c>: the account; <c>{Id:long}</c>: its message).</summary>
        public string Fill(string route, Ids ids)
        {
            var account = _accounts[ids == Ids.None ? Ids.Own : ids].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var message = _messages[ids == Ids.None ? Ids.Own : ids].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var publicMessage = Services.GetRequiredService<PartnerPortal.Api.PublicIds>()
                .Encode(PartnerPortal.Api.PublicIdKind.Message, _accounts[ids == Ids.None ? Ids.Own : ids], _messages[ids == Ids.None ? Ids.Own : ids]);
            return route
                .Replace("/messages/{id}", $"/messages/{publicMessage}", StringComparison.Ordinal)
                .Replace("{Id:int}", account, StringComparison.Ordinal)
                .Replace("{AccountId:int}", account, StringComparison.Ordinal)
                .Replace("{Id:long}", message, StringComparison.Ordinal)
                .Replace("{id:long}", message, StringComparison.Ordinal)
                .Replace("{Token}", "not-a-token", StringComparison.Ordinal)
                .Replace("{Id}", "not-a-passkey", StringComparison.Ordinal);
        }

        public async Task<HttpResponseMessage> SendAsync(Caller caller, HttpRequestMessage request) => await _clients[caller].SendAsync(request);

        public async Task InitializeAsync()
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
            foreach (var (ids, externalId) in new[] { (Ids.Own, "riverside"), (Ids.OtherAccount, "lakeside"), (Ids.OtherPartner, "contoso-main") })
            {
                var account = await db.Accounts.SingleAsync(a => a.ExternalId == externalId);
                _accounts[ids] = account.Id;
                var message = new Message
                {
                    AccountId = account.Id, Kind = MessageKind.SmsText, Type = MessageType.Notification, Content = SecretContent,
                    Encoding = SegmentCalculator.Gsm7, SegmentCount = 1, Status = MessageStatus.Delivered, ToNumber = "+16145550123",
                    CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
                };
                db.Messages.Add(message);
                await db.SaveChangesAsync();
                _messages[ids] = message.Id;
            }

            _clients[Caller.Anonymous] = NewClient();
            _clients[Caller.PartnerAdmin] = await SignedInAsync("admin@northwind.test");
            _clients[Caller.SupportAgent] = await SignedInAsync("support@northwind.test");
            _clients[Caller.PracticeStaff] = await SignedInAsync("staff@riverside.test");
            _clients[Caller.Operator] = await SignedInAsync("operator@vendor.test");
            _clients[Caller.PartnerApiKey] = WithKey(DemoDataSeeder.DemoPartnerKey);
            _clients[Caller.IntegrationApiKey] = WithKey(DemoDataSeeder.DemoIntegrationKey);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        private HttpClient WithKey(string key)
        {
            var client = NewClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        private async Task<HttpClient> SignedInAsync(string email)
        {
            var client = NewClient();
            var page = await client.GetStringAsync("/Account/Login");
            var token = TokenPattern().Match(page).Groups[1].Value;
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = DemoDataSeeder.DemoPassword,
            }));
            response.Headers.Location?.ToString().Should().NotContain("Login", $"{email} signs in");
            return client;
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data.Seed;
using PartnerPortal.Infrastructure.Hosting;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>Issue 15 "Lower": the sign-in cookie's idle and absolute time-outs, MFA required per role, trusted proxies.</summary>
public sealed partial class SessionSecurityTests : IAsyncLifetime
{
    private readonly FixedTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalAppFactory _factory = new();
    private WebApplicationFactory<Program> _app = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Authentication:RequireMfaForRoles"] = "Operator";
        _app = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private HttpClient NewClient() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Session_ThirtyMinutesIdle_SignedOut()
    {
        var client = await SignedInAsync("support@northwind.test");
        _clock.Advance(TimeSpan.FromMinutes(29));
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "29 minutes idle is within the time-out");

        _clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync("/");

        idle.StatusCode.Should().Be(HttpStatusCode.Redirect);
        idle.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Session_ActiveForTwelveHours_SignedOut()
    {
        var client = await SignedInAsync("support@northwind.test");
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, $"active after {elapsed + TimeSpan.FromMinutes(20)}");
        }

        _clock.Advance(TimeSpan.FromMinutes(20));
        using var expired = await client.GetAsync("/");

        expired.StatusCode.Should().Be(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Mfa_OperatorWithoutAuthenticator_SentToSetUpOneFirst_OtherRolesNot()
    {
        var operatorClient = await SignedInAsync("operator@vendor.test");
        var supportClient = await SignedInAsync("support@northwind.test");

        using var home = await operatorClient.GetAsync("/");
        using var partners = await operatorClient.GetAsync("/accounts");
        using var setup = await operatorClient.GetAsync("/Account/Manage/EnableAuthenticator");
        using var support = await supportClient.GetAsync("/");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().Should().Be("/Account/Manage/EnableAuthenticator");
        partners.Headers.Location!.ToString().Should().Be("/Account/Manage/EnableAuthenticator");
        setup.StatusCode.Should().Be(HttpStatusCode.OK);
        support.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void ForwardedHeaders_OnlyConfiguredProxiesTrusted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, 10.0.0.6",
            ["ForwardedHeaders:KnownNetworks:0"] = "192.168.10.0/24",
        }).Build();
        var configured = new ForwardedHeadersOptions();
        var unconfigured = new ForwardedHeadersOptions();

        PortalSecurity.ConfigureForwardedHeaders(configured, configuration);
        PortalSecurity.ConfigureForwardedHeaders(unconfigured, new ConfigurationBuilder().Build());

        configured.KnownProxies.Select(p => p.ToString()).Should().Contain(["10.0.0.5", "10.0.0.6"]);
        configured.KnownIPNetworks.Select(n => n.ToString()).Should().Contain("192.168.10.0/24");
        unconfigured.ForwardedHeaders.Should().Be(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        unconfigured.KnownProxies.Should().OnlyContain(p => System.Net.IPAddress.IsLoopback(p));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewClient();
        var page = await client.GetStringAsync("/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
            ["Input.Email"] = email,
            ["Input.Password"] = DemoDataSeeder.DemoPassword,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().NotContain("Login");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// The app on Kestrel at 127.0.0.1 and the system Chromium driven by Playwright. When
/// <c>/usr/bin/chromium</c> is absent, <see cref="SkipReason"/> says so and browser tests skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PortalAppFactory App { get; } = new();
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";

    public string? SkipReason => File.Exists(ChromiumPath)
        ? null
        : $"Browser tests need Chromium at {ChromiumPath} (apt-get install -y chromium); .ci/run installs it.";

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        App.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().TrimEnd('/');

        // Assertions wait for their condition up to this long (Playwright's 5 s default is short on a 2-core CI machine
        // running the other test collections at the same time); a passing assertion returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context signed in as <paramref name="email"/> with the demo password.</summary>
    public async Task<IPage> SignInAsync(string email, string password = PartnerPortal.Data.Seed.DemoDataSeeder.DemoPassword)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.ClickAsync("button[type='submit']:has-text('Log in')");
        // The redirect is committed (not its load event: on two busy cores the page's resources can take longer than the
        // timeout to load, and the interactive circuit below is what the tests need anyway).
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        // Wait for the interactive circuit, so clicks reach .NET event handlers.
        await page.WaitForSelectorAsync(".mud-layout[data-interactive='true']");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

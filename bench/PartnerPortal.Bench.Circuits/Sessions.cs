using Microsoft.Playwright;

namespace PartnerPortal.Bench.Circuits;

/// <summary>
/// Browser contexts sharing one sign-in (its cookie), each with its own page and so its own circuit. The Send dialog is
/// opened as the partner admin (a support agent only reads, DESIGN §1); every other page as the support agent.
/// </summary>
internal sealed class Sessions(IBrowser browser, string baseUrl, string storageState, string senderState, int accountId)
{
    public static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string email)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "Portal-Demo-2026!");
        await page.ClickAsync("button[type='submit']:has-text('Log in')");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        return await context.StorageStateAsync();
    }

    public async Task<OpenSessions> OpenAsync(int count, PageKind kind)
    {
        var open = new OpenSessions();
        for (var batch = 0; batch < count; batch += 10)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(10, count - batch)).Select(async _ =>
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, StorageState = kind == PageKind.Send ? senderState : storageState });
                context.SetDefaultTimeout(30_000);
                var page = await context.NewPageAsync();
                var session = new Session(context, page);
                page.Console += (_, message) =>
                {
                    if (message.Type == "error")
                    {
                        Interlocked.Increment(ref session.Errors);
                    }
                };
                await page.GotoAsync(kind switch
                {
                    PageKind.Accounts => "/accounts",
                    PageKind.Audit => "/audit-log",
                    PageKind.Reports => "/reports",
                    PageKind.Layout => "/not-found",
                    _ => $"/accounts/{accountId}",
                });
                await page.WaitForSelectorAsync(".mud-layout[data-interactive='true']");
                if (kind == PageKind.Accounts)
                {
                    await page.WaitForSelectorAsync("[data-testid='account-link']");
                }
                else if (kind == PageKind.Send)
                {
                    await OpenSendDialogAsync(page);
                }

                lock (open.All)
                {
                    open.All.Add(session);
                }
            }));
        }

        return open;
    }

    public static async Task OpenSendDialogAsync(IPage page)
    {
        await page.ClickAsync("[data-testid='send-text-button']:not([disabled])");
        await page.WaitForSelectorAsync(".mud-dialog");
    }

    internal sealed class Session(IBrowserContext context, IPage page)
    {
        public int Errors;
        public IBrowserContext Context { get; } = context;
        public IPage Page { get; } = page;
    }
}

internal sealed class OpenSessions : IAsyncDisposable
{
    public List<Sessions.Session> All { get; } = [];

    public int Errors => All.Sum(s => s.Errors);

    /// <summary>
    /// Each session, all at once: filter Incomplete, Complete, All; search "Lakeside", clear it; next page, previous
    /// page; each action waits for its rows. Returns the number of actions; a timed-out action counts as an error.
    /// </summary>
    public async Task<int> InteractAsync(int rounds)
    {
        var counts = await Task.WhenAll(All.Select(async session =>
        {
            var page = session.Page;
            var done = 0;
            // The unfiltered total, from the pager as first shown ("1-25 of 28").
            await page.EvaluateAsync($"() => window.benchTotal = document.querySelector(\"{Caption}\").textContent.replace(/,/g, '').trim().split(' ').pop()");
            for (var round = 0; round < rounds; round++)
            {
                for (var a = 0; a < Actions.Length; a++)
                {
                    var action = Actions[a];
                    try
                    {
                        await action(page);
                        done++;
                    }
                    catch (Exception exception) when (exception is TimeoutException or PlaywrightException)
                    {
                        Interlocked.Increment(ref session.Errors);
                        var caption = await page.Locator(Caption).First.TextContentAsync(new() { Timeout = 5_000 });
                        Console.WriteLine($"  error in action {a} (pager: {caption?.Trim()}): {exception.Message}");
                    }
                }
            }

            return done;
        }));
        return counts.Sum();
    }

    private const string Caption = ".mud-table-page-number-information";

    private static readonly Func<IPage, Task>[] Actions =
    [
        page => Filter(page, "Incomplete"),
        page => Filter(page, "Complete"),
        async page =>
        {
            await page.GetByTestId("sms-filter").GetByText("All", new() { Exact = true }).ClickAsync();
            await WaitAsync(page, "c => c.endsWith(' of ' + window.benchTotal)");
        },
        async page =>
        {
            await page.GetByTestId("accounts-search").FillAsync("Lakeside");
            await WaitAsync(page, "c => !c.endsWith(' of ' + window.benchTotal)");
        },
        async page =>
        {
            await page.GetByTestId("accounts-search").FillAsync("");
            await WaitAsync(page, "c => c.endsWith(' of ' + window.benchTotal)");
        },
        async page =>
        {
            await page.Locator("button[aria-label='Next page']").ClickAsync();
            await WaitAsync(page, "c => c.startsWith('26')");
        },
        async page =>
        {
            await page.Locator("button[aria-label='Previous page']").ClickAsync();
            await WaitAsync(page, "c => c.startsWith('1-') || c.startsWith('1 ')");
        },
    ];

    private static async Task Filter(IPage page, string value)
    {
        await page.GetByTestId("sms-filter").GetByText(value, new() { Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync(
            "v => { const s = [...document.querySelectorAll(\"[data-testid='sms-status']\")]; return s.length > 0 && s.every(e => e.textContent.trim() === v); }",
            value);
    }

    private static Task WaitAsync(IPage page, string captionPredicate) =>
        page.WaitForFunctionAsync($"() => {{ const e = document.querySelector(\"{Caption}\"); if (!e) return false; const c = e.textContent.replace(/,/g, '').replace(/\\s+/g, ' ').trim(); return ({captionPredicate})(c); }}");

    public async ValueTask DisposeAsync()
    {
        // A navigation away makes Blazor end the circuit at once (its unload beacon), as closing a real tab does.
        await Task.WhenAll(All.Select(async s =>
        {
            try
            {
                await s.Page.GotoAsync("about:blank");
            }
            catch (PlaywrightException)
            {
            }

            await s.Context.CloseAsync();
        }));
    }
}

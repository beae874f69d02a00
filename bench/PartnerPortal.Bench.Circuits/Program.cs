using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerPortal.Bench.Circuits;

// Circuit benchmark (issue 18): a Release build of the portal on 127.0.0.1 with demo data, N Chromium sessions signed in
// as support@northwind.test, idle on a page, then interacting on Accounts together. See README "Portal circuits".
//   dotnet run -c Release --project bench/PartnerPortal.Bench.Circuits -- --app <published dir>
//     [--sessions 10,50,100] [--accounts 100000] [--pages accounts,account,send,audit,reports] [--rounds 3] [--soak 0]
//     [--gcdump <dir>]  (a heap dump of the app before and with the N sessions idle, per page: dotnet-gcdump report)
var options = BenchOptions.Parse(args);
var work = Directory.CreateTempSubdirectory("circuits-bench-").FullName;
var baseUrl = $"http://127.0.0.1:{options.Port}";
using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };

using var app = AppProcess.Start(options, work, baseUrl);
try
{
    await AppProcess.WaitHealthyAsync(http, app);
    if (options.ExtraAccounts > 0)
    {
        var watch = Stopwatch.StartNew();
        var inserted = ExtraAccounts.Insert(Path.Combine(work, "bench.db"), options.ExtraAccounts);
        Console.WriteLine($"Inserted {inserted:N0} accounts for Northwind EHR in {watch.Elapsed.TotalSeconds:F1} s");
    }

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--renderer-process-limit=8"],
    });
    var sessions = new Sessions(browser, baseUrl, await Sessions.SignInAsync(browser, baseUrl, "support@northwind.test"),
        await Sessions.SignInAsync(browser, baseUrl, "admin@northwind.test"), ExtraAccounts.AccountId(Path.Combine(work, "bench.db"), "riverside"));
    var stats = new StatsClient(http);

    Console.WriteLine($"Warming up (JIT, pools), not counted... load average {Load()}");
    await using (var warm = await sessions.OpenAsync(2, PageKind.Accounts))
    {
        await warm.InteractAsync(10); // long enough for tiered JIT to settle (a shorter warm-up left recompilation in the first window)
    }

    foreach (var kind in options.Pages.Where(k => k != PageKind.Accounts))
    {
        await using var warm = await sessions.OpenAsync(1, kind);
    }

    await stats.WaitCircuitsAsync(0);
    if (options.Soak > 0)
    {
        await Soak.RunAsync(sessions, stats, options.Soak);
        return 0;
    }

    Console.WriteLine($"{"N",4} {"page",-9} {"heap/circuit",13} {"CPU/interaction",16} {"event p50",10} {"event p95",10} {"interactions",13} {"errors",7}  load");
    foreach (var n in options.Sessions)
    {
        foreach (var kind in options.Pages)
        {
            var before = await stats.ReadAsync(gc: true);
            await GcDump.CollectAsync(options, app, $"{kind}-{n}-before");
            await using var open = await sessions.OpenAsync(n, kind);
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the last renders and acknowledgements settle
            var idle = await stats.ReadAsync(gc: true);
            await GcDump.CollectAsync(options, app, $"{kind}-{n}-idle");
            var perCircuit = (idle.HeapBytes - before.HeapBytes) / (double)Math.Max(1, idle.Circuits - before.Circuits);
            var line = $"{n,4} {kind,-9} {perCircuit / 1024,10:N0} KB";
            if (kind == PageKind.Accounts)
            {
                await stats.ResetAsync();
                var start = await stats.ReadAsync(gc: false);
                var interactions = await open.InteractAsync(options.Rounds);
                var end = await stats.ReadAsync(gc: false);
                var cpu = (end.CpuMs - start.CpuMs) / Math.Max(1, interactions);
                line += $" {cpu,13:F2} ms {end.EventP50Ms,7:F2} ms {end.EventP95Ms,7:F2} ms {interactions,13} {end.Errors - start.Errors + open.Errors,7}";
            }
            else
            {
                line += $" {"",16} {"",10} {"",10} {"",13} {open.Errors,7}";
            }

            Console.WriteLine($"{line}  {Load()}  (circuits {idle.Circuits - before.Circuits})");
        }

        await stats.WaitCircuitsAsync(0);
    }

    return 0;
}
finally
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

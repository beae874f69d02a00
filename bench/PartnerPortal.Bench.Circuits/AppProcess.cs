using System.Diagnostics;

namespace PartnerPortal.Bench.Circuits;

/// <summary>The published portal as its own process (Development: demo data and users), diagnostics on.</summary>
internal static class AppProcess
{
    public static Process Start(BenchOptions options, string work, string baseUrl)
    {
        var dll = Path.Combine(options.App, "PartnerPortal.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: publish first (bench/circuits-bench.sh does).");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl, "--contentRoot", options.App])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.App,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(work, "bench.db")}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Delivery__Enabled"] = "false";
        start.Environment["Portal__BenchDiagnostics"] = "true";
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(work, "app.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitHealthyAsync(HttpClient http, Process app)
    {
        for (var i = 0; i < 240; i++)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The app did not become healthy.");
    }
}

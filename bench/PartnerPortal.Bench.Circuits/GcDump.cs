using System.Diagnostics;

namespace PartnerPortal.Bench.Circuits;

/// <summary>
/// With <c>--gcdump DIR</c>: a heap dump of the app (dotnet-gcdump from the repository's tool manifest) before the
/// sessions open and once they are idle; <c>dotnet dotnet-gcdump report DIR/x.gcdump</c> lists what the heap holds.
/// </summary>
internal static class GcDump
{
    public static async Task CollectAsync(BenchOptions options, Process app, string name)
    {
        if (options.GcDumps is null)
        {
            return;
        }

        Directory.CreateDirectory(options.GcDumps);
        var output = Path.Combine(options.GcDumps, name + ".gcdump");
        using var tool = Process.Start(new ProcessStartInfo("dotnet", ["dotnet-gcdump", "collect", "-p", app.Id.ToString(), "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await tool.WaitForExitAsync();
        Console.WriteLine(tool.ExitCode == 0 ? $"  gcdump: {output}" : $"  gcdump failed: {await tool.StandardError.ReadToEndAsync()}");
    }
}

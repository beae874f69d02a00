using System.Net.Http.Json;

namespace PartnerPortal.Bench.Circuits;

internal sealed record Stats(long HeapBytes, double CpuMs, int Circuits, long Errors, int Events, double EventP50Ms, double EventP95Ms, double EventMaxMs);

/// <summary>Reads the app's <c>/_bench/circuits</c> (Infrastructure/Hosting/CircuitDiagnostics).</summary>
internal sealed class StatsClient(HttpClient http)
{
    public async Task<Stats> ReadAsync(bool gc) =>
        (await http.GetFromJsonAsync<Stats>($"/_bench/circuits?gc={(gc ? 1 : 0)}"))!;

    public async Task ResetAsync() => (await http.PostAsync("/_bench/circuits/reset", null)).EnsureSuccessStatusCode();

    public async Task WaitCircuitsAsync(int count)
    {
        for (var i = 0; i < 120; i++)
        {
            if ((await ReadAsync(gc: false)).Circuits <= count)
            {
                return;
            }

            await Task.Delay(500);
        }

        Console.WriteLine($"  (circuits still open after 60 s: {(await ReadAsync(gc: false)).Circuits})");
    }
}

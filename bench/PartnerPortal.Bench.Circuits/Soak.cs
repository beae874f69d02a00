namespace PartnerPortal.Bench.Circuits;

/// <summary>A long-open tab: one session on Accounts clicking for <c>rounds</c> rounds; the heap after each tenth.</summary>
internal static class Soak
{
    public static async Task RunAsync(Sessions sessions, StatsClient stats, int rounds)
    {
        var before = await stats.ReadAsync(gc: true);
        await using var open = await sessions.OpenAsync(1, PageKind.Accounts);
        var step = Math.Max(1, rounds / 10);
        var done = 0;
        Console.WriteLine($"{"interactions",13} {"heap above the empty app",26}");
        for (var round = 0; round < rounds; round += step)
        {
            done += await open.InteractAsync(step);
            var now = await stats.ReadAsync(gc: true);
            Console.WriteLine($"{done,13} {(now.HeapBytes - before.HeapBytes) / 1024.0,23:N0} KB");
        }

        Console.WriteLine($"errors: {open.Errors + (await stats.ReadAsync(gc: false)).Errors - before.Errors}");
    }
}

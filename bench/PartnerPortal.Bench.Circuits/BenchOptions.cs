namespace PartnerPortal.Bench.Circuits;

// Layout: the layout around an empty page (/not-found), the floor under every page's figure.
internal enum PageKind { Accounts, Account, Send, Audit, Reports, Layout }

internal sealed record BenchOptions(string App, int Port, int[] Sessions, PageKind[] Pages, int Rounds, int ExtraAccounts, int Soak, string? GcDumps)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new BenchOptions(
            Path.GetFullPath(Get("--app", "bench/PartnerPortal.Bench.Circuits/results/app")),
            int.Parse(Get("--port", "5398")),
            Get("--sessions", "10,50,100").Split(',').Select(int.Parse).ToArray(),
            Get("--pages", "accounts,account,send,audit,reports").Split(',').Select(p => Enum.Parse<PageKind>(p, ignoreCase: true)).ToArray(),
            int.Parse(Get("--rounds", "3")),
            int.Parse(Get("--accounts", "0")),
            int.Parse(Get("--soak", "0")),
            args.Contains("--gcdump") ? Path.GetFullPath(Get("--gcdump", "bench/PartnerPortal.Bench.Circuits/results")) : null);
    }
}

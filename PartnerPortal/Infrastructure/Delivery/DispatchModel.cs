using System.Net.Http.Headers;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>What one dispatch pass did.</summary>
public sealed record DispatchSummary(int Claimed, int Sent, int Failed, int Retried, int Released);

/// <summary>Where an account's messages go: a URL (null when <see cref="Problem"/> says why none can be used).</summary>
internal sealed record ProviderTarget(Uri? Url, AuthenticationHeaderValue? Authorization, string? SenderName, MessageType Type, bool Simulated, string? Problem);

/// <summary>A claimed message on its way to the provider: what the sender needs, and the claim and attempt it belongs to.</summary>
internal sealed record WorkItem(
    long MessageId, int AccountId, long AttemptId, int AttemptNumber, string Token, DateTime LeaseUntil, MessageKind Kind,
    NotifyMethod? NotifyMethod, string? ToNumber, string Content, string Encoding, int Segments, string? SenderNumber, ProviderTarget Target,
    bool OptedOut);

internal enum OutcomeKind
{
    Sent,
    EmailSent,
    Rejected,
    OptedOut,
    Error,
    NotSent,
}

internal sealed record Outcome(WorkItem Item, OutcomeKind Kind, int? HttpStatus, string? Error);

/// <summary>One pass's clock, the provider targets it looked up, and its counts (claim, send and record run concurrently).</summary>
internal sealed class DispatchPass(Func<DateTime> clock)
{
    public int Claimed;
    public int Sent;
    public int Failed;
    public int Retried;
    public int Released;

    public Func<DateTime> Clock { get; } = clock;
    public Dictionary<int, ProviderTarget> Targets { get; } = [];

    public void Add(ref int counter, int count) => Interlocked.Add(ref counter, count);

    public DispatchSummary Summary() => new(Claimed, Sent, Failed, Retried, Released);
}

/// <summary>
/// Claims and result writes of one dispatcher take turns: SQLite has one writer, and a write that finds the database busy
/// is retried only after a long sleep; waiting here instead costs just the other write's duration.
/// </summary>
internal sealed class WriteTurn
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _turn.Release();
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>A status the simulated provider will report for a message once <see cref="DueAt"/> is reached.</summary>
public sealed record SimulatedReport(int AccountId, string RetId, string Status, string? Reason, DateTime DueAt);

/// <summary>
/// The built-in simulated SMS provider (DESIGN §5 "embedded default"), served by the app itself at
/// <c>POST /simulated-provider/messages</c>: it accepts the provider payload, deduplicates by <c>retId</c> (a
/// repeat is acknowledged and not reported twice, as a real provider must), and queues a DELIVERED report
/// (FAILED for numbers ending in <see cref="SimulatedProviderOptions.FailNumbersEndingWith"/>) that
/// <see cref="SimulatedProviderReporter"/> posts to the real status callback after the configured delay.
/// </summary>
public sealed class SimulatedProvider(IDbContextFactory<ApplicationDbContext> dbFactory, TimeProvider time, IOptions<DeliveryOptions> options)
{
    public const string FailureReason = "The handset is not reachable (simulated failure for numbers ending in {0}).";

    private const int MaxRemembered = 100_000;

    private readonly Channel<SimulatedReport> _reports = Channel.CreateUnbounded<SimulatedReport>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _seen = new();

    public bool Enabled => options.Value.SimulatedProvider.Enabled == true;

    public ChannelReader<SimulatedReport> Reports => _reports.Reader;

    /// <summary>Handles one POSTed payload; returns the HTTP status and body to answer with.</summary>
    public async Task<(int StatusCode, object Body)> AcceptAsync(string body, CancellationToken cancellationToken)
    {
        ProviderMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ProviderMessage>(body, ProviderMessage.Json);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null || string.IsNullOrWhiteSpace(message.RetId) || string.IsNullOrWhiteSpace(message.To) || message.Text is null)
        {
            return (400, new { error = "The payload needs retId, to and text." });
        }

        if (!long.TryParse(message.RetId, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return (400, new { error = "Unknown retId." });
        }

        if (_seen.ContainsKey(message.RetId))
        {
            return (200, new { accepted = true, retId = message.RetId, duplicate = true });
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accountId = await db.Messages.Where(m => m.Id == messageId).Select(m => (int?)m.AccountId).FirstOrDefaultAsync(cancellationToken);
        if (accountId is null)
        {
            return (400, new { error = "Unknown retId." });
        }

        if (!_seen.TryAdd(message.RetId, 0))
        {
            return (200, new { accepted = true, retId = message.RetId, duplicate = true });
        }

        if (_seen.Count > MaxRemembered)
        {
            _seen.Clear();
        }

        var settings = options.Value.SimulatedProvider;
        var fails = settings.FailNumbersEndingWith is { Length: > 0 } suffix && message.To.EndsWith(suffix, StringComparison.Ordinal);
        _reports.Writer.TryWrite(new SimulatedReport(
            accountId.Value,
            message.RetId,
            fails ? "FAILED" : "DELIVERED",
            fails ? string.Format(CultureInfo.InvariantCulture, FailureReason, settings.FailNumbersEndingWith) : null,
            time.GetUtcNow().UtcDateTime + settings.DeliveryDelay));
        return (200, new { accepted = true, retId = message.RetId });
    }
}

using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// Sends Pending messages to the providers (DESIGN §5). A pass runs three parts at once: <see cref="DispatchClaims"/>
/// claims due messages in batches (recording each attempt before anything is sent), up to
/// <see cref="DeliveryOptions.Concurrency"/> <see cref="ProviderSender"/> requests are in flight, and
/// <see cref="DispatchRecorder"/> writes the results in batches through <see cref="MessageLifecycle"/>. A text whose
/// recipient opted out after it was queued is not sent: Failed, "recipient opted out".
/// <para>Delivery contract: at least once, with <c>retId</c> (the message id) as the deduplication key. Our
/// side never sends a message twice while its claim is live: a send only starts while the lease has at least
/// one request timeout left. A message is sent again only when the process died (or lost the database)
/// after the request left and before its answer was recorded; it then carries the same <c>retId</c>, and the
/// provider must treat a repeated <c>retId</c> as the same message.</para>
/// </summary>
public sealed class MessageDispatcher : BackgroundService
{
    public static readonly Actor SystemActor = Actor.System("Dispatcher");
    public const string OptedOutReason = "recipient opted out";

    private readonly TimeProvider _time;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly ILogger<MessageDispatcher> _logger;
    private readonly DispatchClaims _claims;
    private readonly ProviderSender _sender;
    private readonly DispatchRecorder _recorder;

    public MessageDispatcher(
        IDbContextFactory<ApplicationDbContext> dbFactory,
        IHttpClientFactory httpClients,
        ProviderSecrets secrets,
        SecureLinkService secureLinks,
        SimulatedProviderAddress simulatedAddress,
        TimeProvider time,
        IOptions<DeliveryOptions> options,
        ILogger<MessageDispatcher> logger)
    {
        (_time, _options, _logger) = (time, options, logger);
        var writeTurn = new WriteTurn();
        _claims = new DispatchClaims(dbFactory, new ProviderTargets(secrets, simulatedAddress, options), writeTurn, InstanceId, options);
        _sender = new ProviderSender(httpClients, secureLinks, options, logger);
        _recorder = new DispatchRecorder(dbFactory, writeTurn, options, logger);
    }

    /// <summary>Identifies this dispatcher in claims: machine, process and a random part (unique per instance).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// One pass: claims and sends every message due at <paramref name="now"/> (later claims in a long pass move
    /// on with the clock). When <paramref name="stoppingToken"/> fires, no more messages are claimed, those
    /// claimed but not yet sent are released, and requests in flight finish (within the request timeout) and
    /// are recorded.
    /// </summary>
    public async Task<DispatchSummary> DispatchDueAsync(DateTime now, CancellationToken stoppingToken = default)
    {
        var settings = _options.Value;
        // A hand-moved test clock does not move by itself: the pass's clock is "now" plus the time the pass has taken.
        var started = _time.GetUtcNow();
        var pass = new DispatchPass(() => now + (_time.GetUtcNow() - started));
        // Up to two batches wait for a sender, so the next claim overlaps the sends.
        var work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(Math.Max(1, 2 * settings.BatchSize)) { SingleWriter = true });
        var results = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
        var producer = Task.Run(() => ProduceAsync(pass, work.Writer, stoppingToken), CancellationToken.None);
        var writer = Task.Run(() => _recorder.WriteResultsAsync(pass, results.Reader), CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(work.Reader.ReadAllAsync(CancellationToken.None),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency) },
                async (item, _) =>
                {
                    // A send starts only while the claim has a whole request timeout left, so it ends before anyone else may take it.
                    var outcome = stoppingToken.IsCancellationRequested || item.LeaseUntil - settings.Timeout <= pass.Clock()
                        ? new Outcome(item, OutcomeKind.NotSent, null, null)
                        : await _sender.SendAsync(item);
                    await results.Writer.WriteAsync(outcome, CancellationToken.None);
                });
            await producer;
        }
        finally
        {
            results.Writer.TryComplete();
            await writer;
        }

        return pass.Summary();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.Enabled)
        {
            return;
        }

        await Task.Yield();
        _logger.LogInformation("Message dispatcher {Instance} started (concurrency {Concurrency})", InstanceId, _options.Value.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var summary = await DispatchDueAsync(_time.GetUtcNow().UtcDateTime, stoppingToken);
                if (summary.Claimed > 0 && !stoppingToken.IsCancellationRequested)
                {
                    _logger.LogInformation("Dispatched {Claimed} messages: {Sent} sent, {Failed} failed, {Retried} to retry",
                        summary.Claimed, summary.Sent, summary.Failed, summary.Retried);
                    continue;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(exception, "Dispatch pass failed");
            }

            if (!await WorkerDelay.WaitAsync(_options.Value.PollInterval, _time, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task ProduceAsync(DispatchPass pass, ChannelWriter<WorkItem> work, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (items, found) = await _claims.ClaimAsync(pass, stoppingToken);
                if (!found)
                {
                    break;
                }

                foreach (var item in items)
                {
                    // Claimed items always reach the senders (which release them when stopping).
                    await work.WriteAsync(item, CancellationToken.None);
                }
            }

            work.TryComplete();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            work.TryComplete();
        }
        catch (Exception exception)
        {
            work.TryComplete(exception);
        }
    }

}

using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Numbers;

/// <summary>
/// Demo aid (<c>Verification:AutoApproveAfter</c>, off by default): approves pending verification requests
/// older than the delay as the System actor, so a pending number becomes approved without an operator. Only
/// requests submitted after the app started are approved: the demo data's pending request (<c>columbus</c>,
/// seeded before start-up) stays SMS Pending until an Operator decides it, as seed 000 shows it.
/// </summary>
public sealed class VerificationAutoApprover(
    VerificationDecisions decisions,
    TimeProvider time,
    IOptions<VerificationOptions> options,
    ILogger<VerificationAutoApprover> logger) : BackgroundService
{
    public static readonly Actor SystemActor = Actor.System("Auto-approval");

    // When the background loop started (after the demo data was seeded); null when RunOnceAsync is driven by hand.
    private DateTime? _startedAt;

    /// <summary>Approves every request that is due now. Returns how many were approved (0 when auto-approval is off).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.AutoApproveAfter is not { } after || after <= TimeSpan.Zero)
        {
            return 0;
        }

        var due = await decisions.ListPendingSubmittedBeforeAsync(time.GetUtcNow().UtcDateTime - after, 100, cancellationToken, _startedAt);
        var approved = 0;
        foreach (var id in due)
        {
            var result = await decisions.ApproveAsync(SystemActor, id, cancellationToken);
            if (result.Succeeded)
            {
                approved++;
            }
            else
            {
                logger.LogInformation("Auto-approval of verification request {RequestId} skipped: {Reason}", id, result.FirstError!.Message);
            }
        }

        return approved;
    }

    /// <summary>Approves only requests submitted at or after <paramref name="startedAt"/> (the loop calls it when the app starts).</summary>
    public void StartFrom(DateTime startedAt) => _startedAt = startedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AutoApprovalEnabled)
        {
            return;
        }

        StartFrom(time.GetUtcNow().UtcDateTime);
        logger.LogInformation("Verification requests submitted from now on are approved automatically after {Delay}", options.Value.AutoApproveAfter);
        while (await WorkerDelay.WaitAsync(options.Value.AutoApproveInterval, time, stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Auto-approval pass failed");
            }
        }
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Privacy;

/// <summary>What one run redacted for one partner.</summary>
public sealed record PartnerRedaction(int PartnerId, int ContentRetentionDays, DateTime Cutoff, int Redacted);

/// <summary>
/// The PHI Directive's daily job (at <see cref="PrivacyOptions.RedactionTimeUtc"/>): for each partner, one
/// set-based UPDATE replaces the content of its accounts' messages created before the partner's retention
/// (default 90 days) with <see cref="PhiDirective.RedactedContent"/> and stamps <c>ContentRedactedAt</c>;
/// counts, statuses, dates and segments stay. Pending messages are left alone (their content is still to
/// be sent). The provider's error text (the message's reason and its attempts' errors) is redacted with the
/// content: a provider may echo the text back. Each run writes one audit entry per partner (System actor) with
/// the number redacted, in the same transaction as the update — also when it is 0, as evidence that the directive
/// is enforced. The work goes in chunks of <see cref="ChunkSize"/> messages, each its own transaction with its own
/// entry, so the audit chain (which every audited change in the app waits for) is held for one chunk at a time,
/// never for a whole first run over years of history. At start-up the job runs at once when its last run is more
/// than 24 hours old (a restart before the scheduled time every day would otherwise skip it for good).
/// </summary>
public sealed class ContentRedactionJob(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    AuditLog auditLog,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<ContentRedactionJob> logger) : DailyJob(time, logger)
{
    protected override TimeSpan TimeOfDayUtc => options.Value.RedactionTimeUtc;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (options.Value.CatchUpAtStartup)
        {
            try
            {
                var now = Time.GetUtcNow().UtcDateTime;
                if (await IsOverdueAsync(now, stoppingToken))
                {
                    logger.LogInformation("{Job} at start-up (last run more than 24 hours ago): {Outcome}",
                        nameof(ContentRedactionJob), await RunScheduledAsync(now, stoppingToken));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Job} at start-up failed", nameof(ContentRedactionJob));
            }
        }

        await base.ExecuteAsync(stoppingToken);
    }

    /// <summary>True when the job has never run or its last run (its latest audit entry) is more than 24 hours before <paramref name="now"/>.</summary>
    public async Task<bool> IsOverdueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction)
            .OrderByDescending(e => e.Id)
            .Select(e => (DateTime?)e.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        return last is null || now - last.Value > CatchUpAfter;
    }

    protected override async Task<string> RunScheduledAsync(DateTime now, CancellationToken cancellationToken)
    {
        var results = await RunOnceAsync(now, cancellationToken);
        return $"{results.Sum(r => r.Redacted)} messages redacted across {results.Count} partners";
    }

    public const string AuditAction = "phi.content_redacted";
    public const int ChunkSize = 5000;
    public static readonly TimeSpan CatchUpAfter = TimeSpan.FromHours(24);
    public static readonly Actor JobActor = Actor.System("PHI Directive");

    /// <summary>Redacts what is past each partner's retention at <paramref name="now"/> (UTC).</summary>
    public async Task<IReadOnlyList<PartnerRedaction>> RunOnceAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partners = await db.Partners.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Slug,
                Days = db.PhiDirectives.Where(d => d.PartnerId == p.Id).Select(d => (int?)d.ContentRetentionDays).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var results = new List<PartnerRedaction>(partners.Count);
        foreach (var partner in partners)
        {
            var days = partner.Days ?? PhiDirective.DefaultRetentionDays;
            var cutoff = PhiDirective.CutoffFor(now, days);
            var total = 0;
            for (var more = true; more;)
            {
                var redacted = 0;
                await auditLog.InTransactionAsync(db, async () =>
                {
                    var partnerAccounts = db.Accounts.Where(a => a.PartnerId == partner.Id).Select(a => a.Id);
                    var chunk = db.Messages
                        .Where(m => partnerAccounts.Contains(m.AccountId)
                            && m.ContentRedactedAt == null
                            && m.CreatedAt < cutoff
                            && m.Status != MessageStatus.Pending)
                        .OrderBy(m => m.Id)
                        .Select(m => m.Id)
                        .Take(ChunkSize);
                    await db.MessageAttempts
                        .Where(a => a.Error != null && chunk.Contains(a.MessageId))
                        .ExecuteUpdateAsync(setters => setters.SetProperty(a => a.Error, PhiDirective.RedactedContent), cancellationToken);
                    redacted = await db.Messages
                        .Where(m => chunk.Contains(m.Id))
                        .ExecuteUpdateAsync(setters => setters
                            .SetProperty(m => m.Content, PhiDirective.RedactedContent)
                            .SetProperty(m => m.ErrorReason, m => m.ErrorReason == null ? null : PhiDirective.RedactedContent)
                            .SetProperty(m => m.ContentRedactedAt, now), cancellationToken);
                    more = redacted == ChunkSize;
                    var copies = "";
                    if (!more)
                    {
                        // Patients' replies are message content too (the last chunk takes them), with their copies.
                        redacted += await db.InboundMessages
                            .Where(m => partnerAccounts.Contains(m.AccountId) && m.ReceivedAt < cutoff && m.Text != PhiDirective.RedactedContent)
                            .ExecuteUpdateAsync(setters => setters.SetProperty(m => m.Text, PhiDirective.RedactedContent), cancellationToken);
                        copies = await ReplyCopiesRedaction.RunAsync(db, partner.Id, cutoff, cancellationToken);
                    }

                    auditLog.Add(db, JobActor, new AuditRecord(
                        AuditAction, "PhiDirective", partner.Slug,
                        $"Content of {Messages(redacted)} older than {PhiDirectiveService.Days(days)} redacted{copies}",
                        partner.Id));
                }, cancellationToken);
                db.ChangeTracker.Clear();
                total += redacted;
            }

            results.Add(new PartnerRedaction(partner.Id, days, cutoff, total));
        }

        // Stored API answers (Idempotency-Key replays) can carry message content: keep them no longer than
        // the 24 hours a retry may come back in.
        var replayCutoff = now - PartnerPortal.Domain.Common.Idempotency.Retention;
        await db.IdempotencyRecords.Where(r => r.CreatedAt < replayCutoff).ExecuteDeleteAsync(cancellationToken);
        return results;
    }

    private static string Messages(int count) =>
        count == 1 ? "1 message" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} messages";
}

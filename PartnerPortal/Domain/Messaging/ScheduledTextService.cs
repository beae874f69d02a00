using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>A text waiting for its time (quiet hours or "Send later").</summary>
public sealed record ScheduledTextSummary(
    long MessageId,
    string? RecipientName,
    string? ToNumber,
    MessageKind Kind,
    string Content,
    DateTime ScheduledFor,
    DateTime? RequestedSendAt,
    DateTime CreatedAt)
{
    /// <summary>True when quiet hours hold it past the time asked for (or past "now" when none was asked for).</summary>
    public bool HeldByQuietHours => RequestedSendAt is not { } asked || ScheduledFor > asked;
}

/// <summary>
/// Scheduled texts (DESIGN §4 step 8): the account's list, Cancel (audited), and the cancellations an opt-out or a
/// deactivated account makes (Failed with the reason). A text the dispatcher has already claimed is not cancelled.
/// </summary>
public sealed class ScheduledTextService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const string CancelledCode = "CANCELLED";
    public const int MaxListed = 200;

    public async Task<Result<IReadOnlyList<ScheduledTextSummary>>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.ReadMessages) || !await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var items = await db.Messages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.ScheduledFor != null && m.Status == MessageStatus.Pending)
            .OrderBy(m => m.ScheduledFor).ThenBy(m => m.Id)
            .Take(MaxListed)
            .Select(m => new ScheduledTextSummary(
                m.Id,
                m.Recipient == null ? null : ((m.Recipient.FirstName ?? "") + " " + (m.Recipient.LastName ?? "")).Trim(),
                m.ToNumber,
                m.Kind,
                m.Content,
                m.ScheduledFor!.Value,
                m.RequestedSendAt,
                m.CreatedAt))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<ScheduledTextSummary>>.Ok(items);
    }

    /// <summary>Cancels a scheduled text that has not gone out (Failed, "Cancelled by …"), audited.</summary>
    public async Task<Result> CancelAsync(int accountId, long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor).Where(a => a.Id == accountId)
            .Select(a => new { a.Id, a.PartnerId }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return Result.Fail(Error.NotFound("The account"));
        }

        if (!actor.Can(PortalPolicies.SendTexts) || !actor.CanReadAccount(account.PartnerId, account.Id))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var cancelled = 0;
        await auditLog.InTransactionAsync(db, async () =>
        {
            cancelled = await CancelAsync(Cancellable(db.Messages, now).Where(m => m.Id == messageId && m.AccountId == accountId),
                $"Cancelled by {actor.DisplayName} before it was sent.", now, cancellationToken);
            if (cancelled == 1)
            {
                auditLog.Add(db, actor, new AuditRecord("message.cancelled", "Message", messageId.ToString(CultureInfo.InvariantCulture),
                    $"Scheduled text #{messageId} cancelled before it was sent", account.PartnerId, account.Id));
            }
        }, cancellationToken);

        return cancelled == 1
            ? Result.Ok()
            : Result.Fail(new Error("This text is no longer scheduled: it has been sent or cancelled already.", ResultCodes.NotFound));
    }

    /// <summary>Cancels the account's scheduled texts to <paramref name="phone"/> (an opt-out); the caller audits it in its transaction.</summary>
    public static Task<int> CancelForNumberAsync(ApplicationDbContext db, int accountId, string phone, string reason, DateTime now, CancellationToken cancellationToken) =>
        CancelAsync(Cancellable(db.Messages, now).Where(m => m.AccountId == accountId && m.ToNumber == phone), reason, now, cancellationToken);

    /// <summary>Cancels every scheduled text of the account (a deactivated account); the caller audits it in its transaction.</summary>
    public static Task<int> CancelForAccountAsync(ApplicationDbContext db, int accountId, string reason, DateTime now, CancellationToken cancellationToken) =>
        CancelAsync(Cancellable(db.Messages, now).Where(m => m.AccountId == accountId), reason, now, cancellationToken);

    // Pending, scheduled, and not held by a live dispatcher claim (a claimed text may be on its way to the provider).
    private static IQueryable<Message> Cancellable(IQueryable<Message> messages, DateTime now) =>
        messages.Where(m => m.Status == MessageStatus.Pending && m.ScheduledFor != null && (m.ClaimedUntil == null || m.ClaimedUntil <= now));

    private static Task<int> CancelAsync(IQueryable<Message> messages, string reason, DateTime now, CancellationToken cancellationToken) =>
        MessageLifecycle.FailAsync(messages, CancelledCode, reason, now, cancellationToken: cancellationToken);
}

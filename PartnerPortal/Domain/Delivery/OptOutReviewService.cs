using PartnerPortal.Domain.Notifications;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Delivery;

/// <summary>A reply in the Opt-out review.</summary>
public sealed record OptOutReviewItem(
    long Id,
    int AccountId,
    string AccountName,
    string Phone,
    string? RecipientName,
    string Text,
    string Rule,
    OptOutReviewStatus Status,
    DateTime ReceivedAt,
    DateTime? DecidedAt,
    string? DecidedBy);

/// <summary>
/// The Opt-out review (DESIGN §4): replies that might mean "stop" wait here, not acted on, until staff confirm the
/// opt-out (exactly as STOP: the opt-out with its reason, one confirmation reply, scheduled texts cancelled, audited)
/// or dismiss them (audited). Readers of messages see the queue; Inbox users (PortalPolicies.UseInbox) decide.
/// </summary>
public sealed class OptOutReviewService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxListed = 200;

    /// <summary>The visible accounts' reviews (one account when <paramref name="accountId"/> is given): open ones first, newest first.</summary>
    public async Task<Result<IReadOnlyList<OptOutReviewItem>>> ListAsync(int? accountId, bool includeDecided, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.ReadMessages))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        if (accountId is { } id)
        {
            if (!await accounts.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return Error.NotFound("The account");
            }

            accounts = accounts.Where(a => a.Id == id);
        }

        var reviews = db.OptOutReviews.AsNoTracking().Where(r => accounts.Any(a => a.Id == r.AccountId));
        if (!includeDecided)
        {
            reviews = reviews.Where(r => r.Status == OptOutReviewStatus.Open);
        }

        var items = await reviews
            .OrderBy(r => r.Status == OptOutReviewStatus.Open ? 0 : 1).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(MaxListed)
            .Select(r => new OptOutReviewItem(
                r.Id,
                r.AccountId,
                db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.BusinessName).First(),
                r.Phone,
                db.Recipients.Where(p => p.Id == r.RecipientId).Select(p => ((p.FirstName ?? "") + " " + (p.LastName ?? "")).Trim()).FirstOrDefault(),
                db.InboundMessages.Where(m => m.Id == r.InboundMessageId).Select(m => m.Text).First(),
                r.Rule,
                r.Status,
                r.CreatedAt,
                r.DecidedAt,
                r.DecidedBy))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<OptOutReviewItem>>.Ok(items);
    }

    /// <summary>Open reviews in the actor's scope (Home's count); 0 for those who may not read replies.</summary>
    public static async Task<int> CountOpenAsync(ApplicationDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.Can(PortalPolicies.ReadMessages))
        {
            return 0;
        }

        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        return await db.OptOutReviews.AsNoTracking()
            .CountAsync(r => r.Status == OptOutReviewStatus.Open && accounts.Any(a => a.Id == r.AccountId), cancellationToken);
    }

    /// <summary>Opts the number out as STOP does, with the review's reason, and closes the review.</summary>
    public Task<Result> ConfirmAsync(long reviewId, CancellationToken cancellationToken) => DecideAsync(reviewId, confirm: true, cancellationToken);

    /// <summary>Closes the review without acting: the reply was not a request to stop.</summary>
    public Task<Result> DismissAsync(long reviewId, CancellationToken cancellationToken) => DecideAsync(reviewId, confirm: false, cancellationToken);

    private async Task<Result> DecideAsync(long reviewId, bool confirm, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await db.OptOutReviews.FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        var account = review is null ? null : await db.Accounts.AsNoTracking().VisibleTo(actor).WithLocationsAsync(db, review.AccountId, cancellationToken);
        if (review is null || account is null)
        {
            return Result.Fail(Error.NotFound("The review"));
        }

        if (!actor.Can(PortalPolicies.UseInbox) || !actor.CanReadAccount(account.PartnerId, account.Id))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        if (review.Status != OptOutReviewStatus.Open)
        {
            return Result.Fail(new Error($"This reply was already {(review.Status == OptOutReviewStatus.Confirmed ? "confirmed as an opt-out" : "dismissed")}.",
                ResultCodes.ValidationFailed));
        }

        var now = time.GetUtcNow().UtcDateTime;
        review.Status = confirm ? OptOutReviewStatus.Confirmed : OptOutReviewStatus.Dismissed;
        review.DecidedAt = now;
        review.DecidedBy = actor.DisplayName;
        var who = InboundService.Mask(review.Phone);
        await auditLog.InTransactionAsync(db, async () =>
        {
            if (!confirm)
            {
                auditLog.Add(db, actor, new AuditRecord("optout_review.dismissed", "InboundMessage", review.InboundMessageId.ToString(CultureInfo.InvariantCulture),
                    $"Reply from {who} dismissed in the Opt-out review: not a request to stop ({review.Rule})", account.PartnerId, account.Id));
                return;
            }

            var locationId = await db.InboundMessages.Where(m => m.Id == review.InboundMessageId).Select(m => m.LocationId).FirstOrDefaultAsync(cancellationToken);
            var recorded = await OptOutRecorder.OptOutAsync(db, account, account.Locations.FirstOrDefault(l => l.Id == locationId), review.Phone, review.RecipientId, OptOut.ByReview,
                $"Confirmed by {actor.DisplayName} in the Opt-out review ({review.Rule})", now, cancellationToken);
            auditLog.Add(db, actor, new AuditRecord("recipient.opted_out", "Recipient", review.RecipientId?.ToString(CultureInfo.InvariantCulture),
                recorded is null
                    ? $"Reply from {who} confirmed as an opt-out in the Opt-out review; the number was already opted out"
                    : $"{who} opted out of texts from {account.BusinessName}: reply confirmed as an opt-out in the Opt-out review ({review.Rule}); " +
                      $"confirmation reply #{recorded.ReplyId} queued" + (recorded.Cancelled > 0 ? $"; {recorded.Cancelled} scheduled texts cancelled" : ""),
                account.PartnerId, account.Id));
        }, cancellationToken);
        return Result.Ok();
    }
}

/// <summary>
/// Creates Opt-out review entries: the one place a review is raised (from <see cref="InboundService"/>), so whatever
/// must follow it (a notification to the account's staff) hooks in <see cref="RaiseAsync"/>. A singleton, as the
/// inbound processing that calls it.
/// </summary>
public sealed class OptOutReviewQueue(AuditLog auditLog, NotificationPublisher? notifications = null)
{
    /// <summary>
    /// Puts <paramref name="inbound"/> (already saved, in the caller's transaction) in its account's review: the one place a
    /// review is created, so whatever must follow (a notification) hooks here.
    /// </summary>
    public async Task<OptOutReview> RaiseAsync(ApplicationDbContext db, Actor actor, Account account, InboundMessage inbound, string rule, CancellationToken cancellationToken)
    {
        var review = new OptOutReview
        {
            AccountId = account.Id,
            InboundMessageId = inbound.Id,
            Phone = inbound.FromNumber,
            RecipientId = inbound.RecipientId,
            Rule = rule.Length > 200 ? rule[..200] : rule,
            Status = OptOutReviewStatus.Open,
            CreatedAt = inbound.ReceivedAt,
        };
        db.OptOutReviews.Add(review);
        auditLog.Add(db, actor, new AuditRecord("optout_review.raised", "InboundMessage", inbound.Id.ToString(CultureInfo.InvariantCulture),
            $"A reply from {InboundService.Mask(inbound.FromNumber)} might mean stop ({rule}): it waits in the Opt-out review", account.PartnerId, account.Id));
        if (notifications is not null)
        {
            // Saved with the review; the reply's own Inbox announcement refreshes the staff's open bells after the commit.
            await notifications.AddAsync(db, NotificationKind.OptOutToReview, account.Id,
                $"/opt-out-review?account={account.Id.ToString(CultureInfo.InvariantCulture)}",
                NotificationAudience.AccountStaff | NotificationAudience.PartnerAdmins, cancellationToken);
        }

        return review;
    }
}

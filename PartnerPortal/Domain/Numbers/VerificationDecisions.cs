using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Numbers;

/// <summary>The outcome of a decision: the request's new status and what each of its numbers became.</summary>
public sealed record VerificationDecision(int VerificationRequestId, VerificationStatus Status, IReadOnlyList<VerificationOutcomeNumber> Numbers);

/// <summary>
/// Approving and rejecting verification requests, for a given actor: the Operator (through
/// <see cref="VerificationService"/>) or the system (auto-approval). Anyone else is refused here, not only
/// in the UI. Each decision and its audit entry commit together.
/// </summary>
public sealed class VerificationDecisions(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    AuditLog auditLog,
    TimeProvider time,
    ICarrierNumberPool carrier,
    Notifications.NotificationPublisher? notifications = null)
{
    public const int MaxReasonLength = 500;

    /// <summary>403-like refusal: the actor may see the request but not decide it.</summary>
    public static Error OperatorsOnly => PortalPolicies.Refusal;

    /// <summary>Approves a pending request: every pending number it covers gets a number (from the carrier when none was given) and becomes Approved.</summary>
    public async Task<Result<VerificationDecision>> ApproveAsync(Actor actor, int requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (request, refusal) = await LoadForDecisionAsync(db, actor, requestId, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var account = request.Account;
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var pending = PendingNumbers(request);
        foreach (var number in pending)
        {
            if (number.Number is null)
            {
                number.Number = await carrier.AcquireAsync(db, account.CountryCode, account.State, assigned, cancellationToken);
            }

            assigned.Add(number.Number);
            number.Status = SmsNumberStatus.Approved;
            number.RejectionReason = null;
            number.UpdatedAt = now;
        }

        var outcome = Decide(request, pending, VerificationStatus.Approved, null, actor, now);
        auditLog.Add(db, actor, new AuditRecord(
            "verification.approved", nameof(VerificationRequest), request.Id.ToString(),
            $"SMS number verification approved for {account.BusinessName}: "
                + (outcome.Count == 0 ? "no pending numbers" : string.Join(", ", outcome.Select(n => $"{n.LocationName} {n.Number}"))),
            PartnerId: request.PartnerId, AccountId: request.AccountId,
            Changes: [new FieldChange("Status", nameof(VerificationStatus.Pending), nameof(VerificationStatus.Approved))]));
        return await SaveAsync(db, request, outcome, cancellationToken);
    }

    /// <summary>Rejects a pending request with a reason (required); its pending numbers become Rejected with that reason.</summary>
    public async Task<Result<VerificationDecision>> RejectAsync(Actor actor, int requestId, string? reason, CancellationToken cancellationToken)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Error.ForField("reason", "Enter the reason for the rejection.");
        }

        if (text.Length > MaxReasonLength)
        {
            return Error.ForField("reason", $"The reason can have at most {MaxReasonLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (request, refusal) = await LoadForDecisionAsync(db, actor, requestId, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = PendingNumbers(request);
        foreach (var number in pending)
        {
            number.Status = SmsNumberStatus.Rejected;
            number.Number = null;
            number.RejectionReason = text;
            number.UpdatedAt = now;
        }

        var outcome = Decide(request, pending, VerificationStatus.Rejected, text, actor, now);
        auditLog.Add(db, actor, new AuditRecord(
            "verification.rejected", nameof(VerificationRequest), request.Id.ToString(),
            $"SMS number verification rejected for {request.Account.BusinessName}: {text}",
            PartnerId: request.PartnerId, AccountId: request.AccountId,
            Changes: [new FieldChange("Status", nameof(VerificationStatus.Pending), nameof(VerificationStatus.Rejected))]));
        return await SaveAsync(db, request, outcome, cancellationToken);
    }

    /// <summary>Ids of pending requests submitted at or before <paramref name="submittedAtOrBefore"/>, oldest first.</summary>
    public async Task<IReadOnlyList<int>> ListPendingSubmittedBeforeAsync(DateTime submittedAtOrBefore, int max, CancellationToken cancellationToken,
        DateTime? submittedAtOrAfter = null)
    {
        var since = submittedAtOrAfter ?? DateTime.MinValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationRequests.AsNoTracking()
            .Where(r => r.Status == VerificationStatus.Pending && r.SubmittedAt <= submittedAtOrBefore && r.SubmittedAt >= since)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Select(r => r.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    private static async Task<(VerificationRequest? Request, Error? Refusal)> LoadForDecisionAsync(
        ApplicationDbContext db, Actor actor, int requestId, CancellationToken cancellationToken)
    {
        var request = await db.VerificationRequests
            .Include(r => r.Account)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !actor.CanReadPartner(request.PartnerId))
        {
            return (null, Error.NotFound("The verification request"));
        }

        // Its numbers with their locations in a second query (fix-up fills request.Numbers): one query with
        // Include(Numbers).ThenInclude(Location) joins a subquery over every number, which SQLite materialises in full.
        await db.SmsNumbers.Include(n => n.Location).Where(n => n.VerificationRequestId == request.Id).LoadAsync(cancellationToken);

        if (!actor.Can(PortalPolicies.DecideVerification))
        {
            return (null, OperatorsOnly);
        }

        if (request.Status != VerificationStatus.Pending)
        {
            return (null, new Error($"This verification request was already {request.Status.ToString().ToLowerInvariant()}."));
        }

        return (request, null);
    }

    private static List<SmsNumber> PendingNumbers(VerificationRequest request) =>
        request.Numbers.Where(n => n.Status == SmsNumberStatus.Pending).OrderBy(n => n.Location.SortOrder).ThenBy(n => n.LocationId).ToList();

    private static IReadOnlyList<VerificationOutcomeNumber> Decide(
        VerificationRequest request, IReadOnlyList<SmsNumber> decided, VerificationStatus status, string? reason, Actor actor, DateTime now)
    {
        var outcome = decided
            .Select(n => new VerificationOutcomeNumber(n.LocationId, n.Location.ExternalId, n.Location.Name, n.Number, n.Status, n.RejectionReason))
            .ToList();
        request.Status = status;
        request.RejectionReason = reason;
        request.DecidedAt = now;
        request.DecidedBy = actor.DisplayName;
        request.OutcomeJson = VerificationJson.WriteOutcome(outcome);
        return outcome;
    }

    private async Task<Result<VerificationDecision>> SaveAsync(
        ApplicationDbContext db, VerificationRequest request, IReadOnlyList<VerificationOutcomeNumber> outcome, CancellationToken cancellationToken)
    {
        // "Number approved/rejected" for the account's staff and its partner's users, saved with the decision.
        IReadOnlyList<string> notified = notifications is null || outcome.Count == 0
            ? []
            : await notifications.AddAsync(db,
                request.Status == VerificationStatus.Approved ? Notifications.NotificationKind.NumberApproved : Notifications.NotificationKind.NumberRejected,
                request.AccountId, $"/accounts/{request.AccountId}",
                Notifications.NotificationAudience.AccountStaff | Notifications.NotificationAudience.PartnerAdmins | Notifications.NotificationAudience.SupportAgents,
                cancellationToken);
        try
        {
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("This verification request was decided by someone else in the meantime. Reload to see the decision.");
        }
        catch (DbUpdateException)
        {
            // The unique index on numbers: another approval took the same number at the same moment.
            return new Error("The number could not be assigned because it was just taken. Please approve again.");
        }

        notifications?.Announce(notified);
        return Result<VerificationDecision>.Ok(new VerificationDecision(request.Id, request.Status, outcome));
    }
}

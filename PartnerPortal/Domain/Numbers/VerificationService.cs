using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Numbers;

/// <summary>A page of the Account Verification list: <paramref name="Page"/> is 0-based.</summary>
public sealed record VerificationListQuery(VerificationStatus? Status = null, int Page = 0, int PageSize = 25);

/// <summary>One location of a request as shown on Account Verification: its number and status (now, or as decided).</summary>
public sealed record VerificationNumberSummary(string LocationName, string? Number, SmsNumberStatus Status, string? RejectionReason)
{
    public string? DisplayNumber => PhoneNumberDisplay.Format(Number);
}

public sealed record VerificationRequestSummary(
    int Id,
    int PartnerId,
    string PartnerName,
    int AccountId,
    string AccountExternalId,
    string AccountName,
    VerificationStatus Status,
    DateTime SubmittedAt,
    string SubmittedBy,
    DateTime? DecidedAt,
    string? DecidedBy,
    string? RejectionReason,
    VerificationSnapshot? Submitted,
    IReadOnlyList<VerificationNumberSummary> Numbers);

public sealed record VerificationRequestList(IReadOnlyList<VerificationRequestSummary> Items, int TotalCount);

/// <summary>
/// The Account Verification queue: partner users see their partner's requests, the Operator sees all
/// partners' and decides them. Practice staff see none.
/// </summary>
public sealed class VerificationService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    VerificationDecisions decisions)
{
    public const int MaxPageSize = 100;

    /// <summary>The requests the current user may see, newest first, optionally of one status.</summary>
    public async Task<Result<VerificationRequestList>> ListAsync(VerificationListQuery query, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var requests = Visible(db.VerificationRequests.AsNoTracking(), actor);
        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        var total = await requests.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await requests
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(r => new
            {
                r.Id,
                r.PartnerId,
                PartnerName = db.Partners.Where(p => p.Id == r.PartnerId).Select(p => p.DisplayName).FirstOrDefault(),
                r.AccountId,
                r.Account.ExternalId,
                r.Account.BusinessName,
                r.Status,
                r.SubmittedAt,
                r.SubmittedBy,
                r.DecidedAt,
                r.DecidedBy,
                r.RejectionReason,
                r.SnapshotJson,
                r.OutcomeJson,
                Current = r.Numbers
                    .OrderBy(n => n.Location.SortOrder)
                    .Select(n => new VerificationNumberSummary(n.Location.Name, n.Number, n.Status, n.RejectionReason))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new VerificationRequestSummary(
                r.Id, r.PartnerId, r.PartnerName ?? "", r.AccountId, r.ExternalId, r.BusinessName, r.Status,
                r.SubmittedAt, r.SubmittedBy, r.DecidedAt, r.DecidedBy, r.RejectionReason,
                NumberRequestService.ReadSnapshot(r.SnapshotJson),
                r.Status == VerificationStatus.Pending
                    ? r.Current
                    : VerificationJson.ReadOutcome(r.OutcomeJson)
                        .Select(n => new VerificationNumberSummary(n.LocationName, n.Number, n.Status, n.RejectionReason))
                        .ToList()))
            .ToList();
        return Result<VerificationRequestList>.Ok(new VerificationRequestList(items, total));
    }

    /// <summary>Operator only: approves a pending request (numbers assigned from the carrier pool).</summary>
    public async Task<Result<VerificationDecision>> ApproveAsync(int requestId, CancellationToken cancellationToken) =>
        await decisions.ApproveAsync(await currentActor.GetAsync(cancellationToken), requestId, cancellationToken);

    /// <summary>Operator only: rejects a pending request with a required reason, shown on the numbers' badges.</summary>
    public async Task<Result<VerificationDecision>> RejectAsync(int requestId, string? reason, CancellationToken cancellationToken) =>
        await decisions.RejectAsync(await currentActor.GetAsync(cancellationToken), requestId, reason, cancellationToken);

    private static IQueryable<VerificationRequest> Visible(IQueryable<VerificationRequest> requests, Actor actor)
    {
        if (actor.IsOperator || actor.IsSystem)
        {
            return requests;
        }

        // Partner users (not practice staff) see their own partner's requests.
        return actor is { PartnerId: { } partnerId, AccountId: null, Role: not null }
            ? requests.Where(r => r.PartnerId == partnerId)
            : requests.Where(_ => false);
    }
}

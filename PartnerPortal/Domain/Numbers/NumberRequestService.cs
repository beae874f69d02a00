using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Numbers;

public sealed record NumberRequestOutcome(int VerificationRequestId, IReadOnlyList<int> LocationIds);

/// <summary>
/// Requests numbers for locations (the "Add Number" link, the first SMS of an account, a resubmission
/// after a rejection): only when the SMS Business Details are complete; then the numbers go to Pending
/// and a <see cref="VerificationRequest"/> holds a snapshot of exactly the data sent.
/// </summary>
public sealed class NumberRequestService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time,
    Notifications.NotificationPublisher? notifications = null)
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Requests numbers for the given locations of the account (all locations without an approved or
    /// pending number when <paramref name="locationIds"/> is null). Incomplete information → 4039 with
    /// one error per problem; another tenant's account or location → 4040.
    /// </summary>
    public async Task<Result<NumberRequestOutcome>> RequestAsync(int accountId, IReadOnlyCollection<int>? locationIds, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).WithLocationsAsync(db, accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var result = RequestWithin(db, actor, account, locationIds);
        if (!result.Succeeded)
        {
            return result;
        }

        await auditLog.SaveChangesAsync(db, cancellationToken);
        await AnnounceRequestedAsync(account.Id, cancellationToken);
        var request = db.ChangeTracker.Entries<VerificationRequest>().Single(e => e.Entity.AccountId == account.Id).Entity;
        return Result<NumberRequestOutcome>.Ok(result.Value! with { VerificationRequestId = request.Id });
    }

    /// <summary>
    /// The same request inside a caller's unit of work (the send pipeline): adds the changes and the audit
    /// entry to <paramref name="db"/> without saving. <paramref name="account"/> must be tracked with its
    /// partner, locations and numbers loaded.
    /// </summary>
    public Result<NumberRequestOutcome> RequestWithin(ApplicationDbContext db, Actor actor, Account account, IReadOnlyCollection<int>? locationIds)
    {
        if (!actor.Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        var completeness = AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails);
        if (!completeness.IsComplete)
        {
            return Result<NumberRequestOutcome>.Fail(completeness.Problems
                .Select(p => p.ToError())
                .ToList());
        }

        var locations = locationIds is null
            ? account.Locations.Where(l => l.SmsNumber is null or { Status: SmsNumberStatus.NoNumber or SmsNumberStatus.Rejected }).ToList()
            : account.Locations.Where(l => locationIds.Contains(l.Id)).ToList();
        if (locationIds is not null && locations.Count != locationIds.Count)
        {
            return Error.NotFound("The location");
        }

        var toRequest = locations
            .Where(l => l.SmsNumber is null or { Status: SmsNumberStatus.NoNumber or SmsNumberStatus.Rejected })
            .ToList();
        if (toRequest.Count == 0)
        {
            return new Error("Every chosen location already has an approved or pending number.", ResultCodes.ValidationFailed, "locations");
        }

        var rejectedBefore = toRequest.Where(l => l.SmsNumber is { Status: SmsNumberStatus.Rejected }).Select(l => l.Id).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = new VerificationSnapshot(
            account.BusinessName, account.Address1, account.Address2, account.City, account.State, account.PostalCode,
            BusinessFieldValidators.NormalizeCountry(account.CountryCode), completeness.ResolvedWebsite, completeness.WebsiteSource.ToString(),
            account.Partner.BusinessDetails.ContactFirstName, account.Partner.BusinessDetails.ContactLastName,
            account.Partner.BusinessDetails.ContactEmail, account.Partner.BusinessDetails.ContactPhone,
            toRequest.Select(l => l.Name).ToList());
        var request = new VerificationRequest
        {
            PartnerId = account.PartnerId,
            AccountId = account.Id,
            Account = account,
            Status = VerificationStatus.Pending,
            SnapshotJson = JsonSerializer.Serialize(snapshot, SnapshotJson),
            SubmittedAt = now,
            SubmittedBy = actor.DisplayName,
        };
        db.VerificationRequests.Add(request);
        foreach (var location in toRequest)
        {
            location.SmsNumber ??= new SmsNumber { LocationId = location.Id };
            location.SmsNumber.Status = SmsNumberStatus.Pending;
            location.SmsNumber.Number = null;
            location.SmsNumber.RejectionReason = null;
            location.SmsNumber.UpdatedAt = now;
            request.Numbers.Add(location.SmsNumber);
        }

        account.UpdatedAt = now;
        var resubmitted = toRequest.Any(l => rejectedBefore.Contains(l.Id));
        auditLog.Add(db, actor, new AuditRecord(
            resubmitted ? "verification.resubmitted" : "verification.requested", "Account", account.ExternalId,
            $"SMS number verification {(resubmitted ? "resubmitted" : "requested")} for {account.BusinessName}: {string.Join(", ", toRequest.Select(l => l.Name))}",
            PartnerId: account.PartnerId, AccountId: account.Id));
        return Result<NumberRequestOutcome>.Ok(new NumberRequestOutcome(0, toRequest.Select(l => l.Id).ToList()));
    }

    /// <summary>After a saved request: the Operators' bell gets "verification requested" (a request to decide; no PHI).</summary>
    public Task AnnounceRequestedAsync(int accountId, CancellationToken cancellationToken) =>
        notifications?.PublishAsync(Notifications.NotificationKind.VerificationRequested, accountId, "/account-verification?status=Pending",
            Notifications.NotificationAudience.Operators, cancellationToken) ?? Task.CompletedTask;

    public static VerificationSnapshot? ReadSnapshot(string json) => JsonSerializer.Deserialize<VerificationSnapshot>(json, SnapshotJson);
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Numbers;

/// <summary>
/// The SMS number of one location or queue. <see cref="Status"/> is <see cref="SmsNumberStatus.NoNumber"/>
/// when none was ever requested; <see cref="Number"/> is E.164, null while pending.
/// </summary>
public sealed record SmsNumberSummary(
    int LocationId,
    string ExternalId,
    string Name,
    LocationKind Kind,
    bool IsDefault,
    string? Number,
    SmsNumberStatus Status,
    string? RejectionReason,
    bool IsActive = true)
{
    /// <summary>The number as people read it ("(614) 555-0123"), null when there is none.</summary>
    public string? DisplayNumber => PhoneNumberDisplay.Format(Number);
}

/// <summary>
/// The SMS numbers of an account's locations (the account page's "SMS Numbers", the Send dialog,
/// <c>SmsSendNumberList</c>), and the "Add Number" / "Resubmit" actions over <see cref="NumberRequestService"/>.
/// </summary>
public sealed class SmsNumberService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    NumberRequestService numberRequests)
{
    /// <summary>One summary per location/queue of the account in display order (Default Location first); 4040 when not visible.</summary>
    public async Task<Result<IReadOnlyList<SmsNumberSummary>>> ListForAccountAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var numbers = await db.Locations.AsNoTracking().VisibleTo(actor)
            .Where(l => l.AccountId == accountId)
            .OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Select(l => new SmsNumberSummary(
                l.Id,
                l.ExternalId,
                l.Name,
                l.Kind,
                l.IsDefault,
                l.SmsNumber == null ? null : l.SmsNumber.Number,
                l.SmsNumber == null ? SmsNumberStatus.NoNumber : l.SmsNumber.Status,
                l.SmsNumber == null ? null : l.SmsNumber.RejectionReason,
                l.DeactivatedAt == null))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<SmsNumberSummary>>.Ok(numbers);
    }

    /// <summary>
    /// "Add Number": requests a number for a location without one. Incomplete business information → 4039
    /// errors (one per problem, with <see cref="Error.Source"/> "account" or "partner") and nothing is requested.
    /// </summary>
    public async Task<Result<NumberRequestOutcome>> AddNumberAsync(int accountId, int locationId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        var status = await StatusOfAsync(accountId, locationId, cancellationToken);
        return status switch
        {
            null => Error.NotFound("The location"),
            SmsNumberStatus.NoNumber => await numberRequests.RequestAsync(accountId, [locationId], cancellationToken),
            SmsNumberStatus.Rejected => new Error("This location's number was rejected: fix the business information and resubmit it."),
            _ => new Error("This location already has an approved or pending number."),
        };
    }

    /// <summary>"Resubmit" after a rejection: a new verification request with the current business information (4039 when still incomplete).</summary>
    public async Task<Result<NumberRequestOutcome>> ResubmitAsync(int accountId, int locationId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        var status = await StatusOfAsync(accountId, locationId, cancellationToken);
        return status switch
        {
            null => Error.NotFound("The location"),
            SmsNumberStatus.Rejected => await numberRequests.RequestAsync(accountId, [locationId], cancellationToken),
            _ => new Error("Only a rejected number can be resubmitted."),
        };
    }

    private async Task<SmsNumberStatus?> StatusOfAsync(int accountId, int locationId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.AsNoTracking().VisibleTo(actor)
            .Where(l => l.Id == locationId && l.AccountId == accountId && l.DeactivatedAt == null)
            .Select(l => new { Status = l.SmsNumber == null ? SmsNumberStatus.NoNumber : l.SmsNumber.Status })
            .FirstOrDefaultAsync(cancellationToken);
        return location?.Status;
    }
}

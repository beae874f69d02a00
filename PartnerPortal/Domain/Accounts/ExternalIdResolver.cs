using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

/// <summary>Turns the partner's ids (<c>accountId</c>, <c>locationId</c> in the APIs) into ours, within the actor's tenant.</summary>
public sealed class ExternalIdResolver(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public static Error AccountRequired { get; } = Error.ForField("accountId", "accountId is required.");

    public static Error AccountNotFound(string accountExternalId) =>
        new($"Account '{accountExternalId}' was not found.", ResultCodes.NotFound, "accountId");

    public static Error LocationNotFound(string accountExternalId, string locationExternalId) =>
        new($"Location '{locationExternalId}' of account '{accountExternalId}' was not found.", ResultCodes.NotFound, "locationId");

    /// <summary>The account's id and, when <paramref name="locationExternalId"/> is given, the location's id; another tenant's ids are not found (4040).</summary>
    public async Task<Result<(int AccountId, int? LocationId)>> ResolveAsync(string? accountExternalId, string? locationExternalId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(accountExternalId))
        {
            return AccountRequired;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accountId = await db.Accounts.AsNoTracking().VisibleTo(actor)
            .Where(a => a.ExternalId == accountExternalId.Trim())
            .Select(a => (int?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (accountId is null)
        {
            return AccountNotFound(accountExternalId);
        }

        if (string.IsNullOrWhiteSpace(locationExternalId))
        {
            return Result<(int, int?)>.Ok((accountId.Value, null));
        }

        var locationId = await db.Locations.AsNoTracking()
            .Where(l => l.AccountId == accountId && l.ExternalId == locationExternalId.Trim())
            .Select(l => (int?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return locationId is null
            ? LocationNotFound(accountExternalId, locationExternalId)
            : Result<(int, int?)>.Ok((accountId.Value, locationId));
    }
}

using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

/// <summary>A location or queue as it was saved.</summary>
public sealed record LocationSummary(int Id, string ExternalId, string Name, LocationKind Kind, bool IsDefault, bool IsActive);

/// <summary>
/// An account's locations and queues (DESIGN §2): its partner's admins add, rename, make default, deactivate and
/// reactivate them (4030 for anyone else). A location is never deleted: its messages and number stay, and a deactivated
/// one is only left out of sending (Send From, the API's default and number list). The Default Location stays active.
/// Each change is saved with its audit entry.
/// </summary>
public sealed class LocationService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<Result<LocationSummary>> AddAsync(int accountId, string? name, LocationKind kind, CancellationToken cancellationToken)
    {
        var clean = name?.Trim();
        return await ChangeAsync(accountId, null, cancellationToken, (account, _) =>
        {
            if (NameError(account, clean, null) is { } error)
            {
                return error;
            }

            if (!Enum.IsDefined(kind))
            {
                return Error.ForField("Kind", "Choose Location or Queue.");
            }

            var location = new Location
            {
                ExternalId = NewExternalId(account, clean!),
                Name = clean!,
                Kind = kind,
                SortOrder = account.Locations.Count == 0 ? 0 : account.Locations.Max(l => l.SortOrder) + 1,
            };
            account.Locations.Add(location);
            return (location, "location.created", $"{kind} {location.Name} added to {account.BusinessName}",
                [new FieldChange("Name", null, location.Name), new FieldChange("Kind", null, kind.ToString())]);
        });
    }

    public async Task<Result<LocationSummary>> RenameAsync(int accountId, int locationId, string? name, CancellationToken cancellationToken)
    {
        var clean = name?.Trim();
        return await ChangeAsync(accountId, locationId, cancellationToken, (account, location) =>
        {
            if (location!.Name == clean)
            {
                return (location, null, "", []);
            }

            if (NameError(account, clean, location) is { } error)
            {
                return error;
            }

            var before = location.Name;
            location.Name = clean!;
            return (location, "location.renamed", $"{before} of {account.BusinessName} renamed to {clean}", [new FieldChange("Name", before, clean)]);
        });
    }

    /// <summary>Makes an active location the account's Default Location (the API's sender when none is given).</summary>
    public async Task<Result<LocationSummary>> MakeDefaultAsync(int accountId, int locationId, CancellationToken cancellationToken) =>
        await ChangeAsync(accountId, locationId, cancellationToken, (account, location) =>
        {
            if (location!.IsDefault)
            {
                return (location, null, "", []);
            }

            if (location.DeactivatedAt is not null)
            {
                return new Error($"{location.Name} is deactivated; reactivate it before making it the default.");
            }

            var previous = account.Locations.FirstOrDefault(l => l.IsDefault);
            foreach (var other in account.Locations)
            {
                other.IsDefault = other == location;
            }

            return (location, "location.default_changed", $"{location.Name} is now the Default Location of {account.BusinessName}",
                [new FieldChange("Default Location", previous?.Name, location.Name)]);
        });

    /// <summary>Deactivates (or reactivates) a location or queue; the Default Location cannot be deactivated.</summary>
    public async Task<Result<LocationSummary>> SetActiveAsync(int accountId, int locationId, bool active, CancellationToken cancellationToken) =>
        await ChangeAsync(accountId, locationId, cancellationToken, (account, location) =>
        {
            if ((location!.DeactivatedAt is null) == active)
            {
                return (location, null, "", []);
            }

            if (!active && location.IsDefault)
            {
                return new Error($"{location.Name} is the Default Location: make another location the default before deactivating it.");
            }

            location.DeactivatedAt = active ? null : time.GetUtcNow().UtcDateTime;
            return (location, active ? "location.reactivated" : "location.deactivated",
                $"{location.Kind} {location.Name} of {account.BusinessName} {(active ? "reactivated" : "deactivated")}",
                [new FieldChange("Status", active ? "Deactivated" : "Active", active ? "Active" : "Deactivated")]);
        });

    private async Task<Result<LocationSummary>> ChangeAsync(int accountId, int? locationId, CancellationToken cancellationToken,
        Func<Account, Location?, LocationChange> change)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).Include(a => a.Locations).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        if (!AccountService.CanAdminister(actor, account.PartnerId))
        {
            return PortalPolicies.Refusal;
        }

        var location = locationId is { } id ? account.Locations.FirstOrDefault(l => l.Id == id) : null;
        if (locationId is not null && location is null)
        {
            return Error.NotFound("The location");
        }

        var outcome = change(account, location);
        if (outcome.Error is { } error)
        {
            return error;
        }

        var changed = outcome.Location!;
        if (outcome.Action is not null)
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                await db.SaveChangesAsync(cancellationToken);
                auditLog.Add(db, actor, new AuditRecord(outcome.Action, nameof(Location), changed.Id.ToString(CultureInfo.InvariantCulture),
                    outcome.Summary, account.PartnerId, account.Id, outcome.Changes));
            }, cancellationToken);
        }

        return Result<LocationSummary>.Ok(new LocationSummary(
            changed.Id, changed.ExternalId, changed.Name, changed.Kind, changed.IsDefault, changed.DeactivatedAt is null));
    }

    private static Error? NameError(Account account, string? name, Location? renamed)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.ForField("Name", "Name is required.");
        }

        if (name.Length > MaxNameLength)
        {
            return Error.ForField("Name", $"Name must be at most {MaxNameLength} characters.");
        }

        return account.Locations.Any(l => l != renamed && string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            ? Error.ForField("Name", $"{account.BusinessName} already has a location or queue named {name}.")
            : null;
    }

    /// <summary>The <c>locationId</c> of the APIs: the name in lower case with dashes ("North Office" → "north-office"), unique in the account.</summary>
    private static string NewExternalId(Account account, string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString().Trim('-');
        stem = stem.Length == 0 ? "location" : stem[..Math.Min(stem.Length, 90)];
        var candidate = stem;
        for (var n = 2; account.Locations.Any(l => string.Equals(l.ExternalId, candidate, StringComparison.OrdinalIgnoreCase)); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }

    /// <summary>What a change did: a refusal, or the location with its audit action (null when nothing changed).</summary>
    private readonly record struct LocationChange(Error? Error, Location? Location, string? Action, string Summary, IReadOnlyList<FieldChange> Changes)
    {
        public static implicit operator LocationChange(Error error) => new(error, null, null, "", []);

        public static implicit operator LocationChange((Location Location, string? Action, string Summary, IReadOnlyList<FieldChange> Changes) done) =>
            new(null, done.Location, done.Action, done.Summary, done.Changes);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

public enum PracticeSaveMode
{
    /// <summary>Only a new account; an existing accountId is refused.</summary>
    Create,

    /// <summary>Create or update.</summary>
    Save,

    /// <summary>Only an existing account; an unknown accountId is not found.</summary>
    Update,
}

/// <summary>
/// A practice as the Partner API sends it. <see cref="WebsiteUrl"/> and <see cref="AlternativeWebsiteUrl"/>
/// are read only when <see cref="IncludesWebsites"/> (version 1.1); unversioned calls leave them untouched.
/// </summary>
public sealed record PracticeInput(
    string? AccountId,
    string? Name,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? WebsiteUrl,
    string? AlternativeWebsiteUrl,
    bool IncludesWebsites);

public sealed record PracticeSaved(int Id, string AccountId, bool Created, CompletenessResult Completeness);

/// <summary>Creates and updates accounts for the Partner API (partner-scoped keys and partner admins).</summary>
public sealed class PracticeService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    // The API names fields as its JSON does.
    private static readonly IReadOnlyDictionary<string, string> ApiFieldNames = new Dictionary<string, string>
    {
        [nameof(AccountUpdate.BusinessName)] = "name",
        [nameof(AccountUpdate.Address1)] = "address1",
        [nameof(AccountUpdate.Address2)] = "address2",
        [nameof(AccountUpdate.City)] = "city",
        [nameof(AccountUpdate.State)] = "state",
        [nameof(AccountUpdate.PostalCode)] = "postalCode",
        [nameof(AccountUpdate.CountryCode)] = "countryCode",
        [nameof(AccountUpdate.WebsiteUrl)] = "websiteUrl",
        [nameof(AccountUpdate.AlternativeWebsiteUrl)] = "alternativeWebsiteUrl",
    };

    public async Task<Result<PracticeSaved>> SaveAsync(PracticeInput input, PracticeSaveMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !(actor.IsPartnerApiKey || actor.IsPartnerAdmin))
        {
            return Error.NotFound("The partner");
        }

        var externalId = input.AccountId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > 100)
        {
            return Error.ForField("accountId", "accountId is required (at most 100 characters).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var account = await db.Accounts.Include(a => a.Locations)
            .FirstOrDefaultAsync(a => a.PartnerId == partnerId && a.ExternalId == externalId, cancellationToken);
        if (account is null && mode == PracticeSaveMode.Update)
        {
            return new Error($"Account '{externalId}' was not found.", ResultCodes.NotFound, "accountId");
        }

        if (account is not null && mode == PracticeSaveMode.Create)
        {
            return Error.ForField("accountId", $"An account with accountId '{externalId}' already exists; use PracticeUpdate or PracticeSave.");
        }

        var update = new AccountUpdate(input.Name, input.Address1, input.Address2, input.City, input.State, input.PostalCode, input.CountryCode,
            input.IncludesWebsites ? input.WebsiteUrl : account?.WebsiteUrl,
            input.IncludesWebsites ? input.AlternativeWebsiteUrl : account?.AlternativeWebsiteUrl);
        var validated = AccountInformationValidator.Validate(update);
        if (!validated.Succeeded)
        {
            return Result<PracticeSaved>.Fail(validated.Errors.Select(e => e with
            {
                Field = e.Field is not null && ApiFieldNames.TryGetValue(e.Field, out var apiName) ? apiName : e.Field,
                Message = e.Message.Replace("Business Name", "name", StringComparison.Ordinal),
            }).ToList());
        }

        var now = time.GetUtcNow().UtcDateTime;
        var created = account is null;
        if (account is null)
        {
            account = new Account
            {
                PartnerId = partnerId,
                ExternalId = externalId,
                BusinessName = validated.Value!.BusinessName!,
                CreatedThrough = input.IncludesWebsites ? CreatedThrough.Api11 : CreatedThrough.ApiUnversioned,
                CreatedAt = now,
                UpdatedAt = now,
                Locations = [new Location { ExternalId = "default", Name = "Default Location", IsDefault = true, Kind = LocationKind.Location }],
            };
            AccountService.Apply(account, validated.Value);
            AccountCompleteness.Refresh(account, partner.BusinessDetails);
            db.Accounts.Add(account);
            await auditLog.InTransactionAsync(db, async () =>
            {
                await db.SaveChangesAsync(cancellationToken);
                auditLog.Add(db, actor, new AuditRecord("account.created", nameof(Account), account.Id.ToString(CultureInfo.InvariantCulture),
                    $"Account {account.BusinessName} ({account.ExternalId}) created through the Partner API", partnerId, account.Id));
            }, cancellationToken);
        }
        else
        {
            var before = AccountInformationValidator.Fields(new AccountUpdate(account.BusinessName, account.Address1, account.Address2, account.City,
                account.State, account.PostalCode, account.CountryCode, account.WebsiteUrl, account.AlternativeWebsiteUrl));
            var changes = AuditLog.Diff(before, AccountInformationValidator.Fields(validated.Value!));
            if (changes.Count > 0)
            {
                AccountService.Apply(account, validated.Value!);
                account.UpdatedAt = now;
                AccountCompleteness.Refresh(account, partner.BusinessDetails);
                auditLog.Add(db, actor, new AuditRecord("account.updated", nameof(Account), account.Id.ToString(CultureInfo.InvariantCulture),
                    $"Account information of {account.BusinessName} ({account.ExternalId}) edited through the Partner API", partnerId, account.Id, changes));
                await auditLog.SaveChangesAsync(db, cancellationToken);
            }
        }

        return Result<PracticeSaved>.Ok(new PracticeSaved(account.Id, account.ExternalId, created,
            AccountCompleteness.Evaluate(account, partner.BusinessDetails)));
    }
}

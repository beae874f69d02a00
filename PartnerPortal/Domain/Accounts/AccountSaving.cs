using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

/// <summary>What an account save did.</summary>
public sealed record AccountSaveOutcome(Account Account, bool Created, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// The one create-or-update path of an account, behind <see cref="AccountService"/>: the portal's forms and the Partner API's
/// <c>PracticeCreate/Save/Update</c> all use it, so the checks (who may, the <c>accountId</c>, <see cref="AccountInformationValidator"/>),
/// the stored completeness and the audit entry never differ by caller. Error field names are <see cref="AccountUpdate"/>'s and
/// <see cref="AccountIdField"/>; the API renames them.
/// </summary>
internal static class AccountSaving
{
    public const string AccountIdField = nameof(NewAccount.AccountId);
    public const int MaxAccountIdLength = 100;

    /// <summary>True when the actor may create accounts for the partner: its admins, its Partner API keys, the system.</summary>
    public static bool CanCreate(Actor actor, int partnerId) =>
        actor.IsSystem
        || (actor.IsPartnerApiKey && actor.PartnerId == partnerId)
        || (actor.Can(PortalPolicies.AdministerPartner) && actor.PartnerId == partnerId && actor.AccountId is null);

    /// <summary>
    /// Creates the account <paramref name="externalId"/> of <paramref name="partner"/> when <paramref name="account"/> is
    /// null, or updates the tracked <paramref name="account"/>; saves it with its audit entry in one transaction.
    /// </summary>
    public static async Task<Result<AccountSaveOutcome>> SaveAsync(
        ApplicationDbContext db, AuditLog auditLog, Actor actor, Partner partner, Account? account, string? externalId,
        AccountUpdate update, CreatedThrough through, DateTime now, CancellationToken cancellationToken)
    {
        var channel = through == CreatedThrough.Portal ? "" : " through the Partner API";
        if (account is null)
        {
            if (!CanCreate(actor, partner.Id))
            {
                return PortalPolicies.Refusal;
            }

            var id = externalId?.Trim();
            if (string.IsNullOrEmpty(id) || id.Length > MaxAccountIdLength)
            {
                return Error.ForField(AccountIdField, $"accountId is required (at most {MaxAccountIdLength} characters).");
            }

            if (await db.Accounts.AnyAsync(a => a.PartnerId == partner.Id && a.ExternalId == id, cancellationToken))
            {
                return Error.ForField(AccountIdField, $"An account with accountId '{id}' already exists.");
            }

            var validated = AccountInformationValidator.Validate(update);
            if (!validated.Succeeded)
            {
                return Result<AccountSaveOutcome>.Fail(validated.Errors);
            }

            account = new Account
            {
                PartnerId = partner.Id,
                Partner = partner,
                ExternalId = id,
                BusinessName = validated.Value!.BusinessName!,
                CreatedThrough = through,
                CreatedAt = now,
                UpdatedAt = now,
                Locations = [new Location { ExternalId = "default", Name = "Default Location", IsDefault = true, Kind = LocationKind.Location }],
            };
            Apply(account, validated.Value);
            AccountCompleteness.Refresh(account, partner.BusinessDetails);
            var changes = AuditLog.Diff(AccountInformationValidator.Fields(new AccountUpdate(null, null, null, null, null, null, null, null, null)),
                AccountInformationValidator.Fields(validated.Value));
            db.Accounts.Add(account);
            var created = account;
            await auditLog.InTransactionAsync(db, async () =>
            {
                await db.SaveChangesAsync(cancellationToken);
                auditLog.Add(db, actor, new AuditRecord("account.created", nameof(Account), created.Id.ToString(CultureInfo.InvariantCulture),
                    $"Account {created.BusinessName} ({created.ExternalId}) created{channel}", partner.Id, created.Id, changes));
            }, cancellationToken);
            return Result<AccountSaveOutcome>.Ok(new AccountSaveOutcome(account, true, changes));
        }

        var applied = ApplyUpdate(db, auditLog, actor, partner, account, update,
            $"Account information of {account.BusinessName} ({account.ExternalId}) edited{channel}", now);
        if (!applied.Succeeded)
        {
            return Result<AccountSaveOutcome>.Fail(applied.Errors);
        }

        if (applied.Value!.Count > 0)
        {
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }

        return Result<AccountSaveOutcome>.Ok(new AccountSaveOutcome(account, false, applied.Value));
    }

    /// <summary>
    /// Checks and applies <paramref name="update"/> to the tracked <paramref name="account"/> with its audit entry, without
    /// saving: the caller saves it with whatever else belongs to the same change (the Send dialog's missing information
    /// requests the account's numbers in the same transaction). Practice staff change only what the rule reports as
    /// missing or invalid. Returns the changes (none: nothing was touched).
    /// </summary>
    public static Result<IReadOnlyList<FieldChange>> ApplyUpdate(
        ApplicationDbContext db, AuditLog auditLog, Actor actor, Partner partner, Account account, AccountUpdate update, string summary, DateTime now)
    {
        if (!actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return PortalPolicies.Refusal;
        }

        var clean = AccountInformationValidator.Validate(update);
        if (!clean.Succeeded)
        {
            return Result<IReadOnlyList<FieldChange>>.Fail(clean.Errors);
        }

        var diff = AuditLog.Diff(AccountInformationValidator.Fields(ToUpdate(account)), AccountInformationValidator.Fields(clean.Value!));
        if (actor.IsPracticeStaff)
        {
            var editable = AccountCompleteness.Evaluate(account, partner.BusinessDetails).Problems
                .SelectMany(AccountInformationValidator.FieldsFor).ToHashSet();
            var refused = diff.Where(c => !editable.Contains(c.Field))
                .Select(c => Error.ForField(c.Field,
                    $"{AccountInformationValidator.Labels[c.Field]} can only be changed by your partner's administrators."))
                .ToList();
            if (refused.Count > 0)
            {
                return Result<IReadOnlyList<FieldChange>>.Fail(refused);
            }
        }

        if (diff.Count > 0)
        {
            Apply(account, clean.Value!);
            account.UpdatedAt = now;
            AccountCompleteness.Refresh(account, partner.BusinessDetails);
            auditLog.Add(db, actor, new AuditRecord("account.updated", nameof(Account), account.Id.ToString(CultureInfo.InvariantCulture),
                summary, account.PartnerId, account.Id, diff));
        }

        return Result<IReadOnlyList<FieldChange>>.Ok(diff);
    }

    public static void Apply(Account account, AccountUpdate update)
    {
        account.BusinessName = update.BusinessName!;
        account.Address1 = update.Address1;
        account.Address2 = update.Address2;
        account.City = update.City;
        account.State = update.State;
        account.PostalCode = update.PostalCode;
        account.CountryCode = update.CountryCode;
        account.WebsiteUrl = update.WebsiteUrl;
        account.AlternativeWebsiteUrl = update.AlternativeWebsiteUrl;
        account.PracticePhone = update.PracticePhone;
    }

    public static AccountUpdate ToUpdate(Account account) => new(
        account.BusinessName, account.Address1, account.Address2, account.City, account.State, account.PostalCode,
        account.CountryCode, account.WebsiteUrl, account.AlternativeWebsiteUrl, account.PracticePhone);
}

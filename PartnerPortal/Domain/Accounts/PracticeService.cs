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
/// A practice as the Partner API sends it. <see cref="WebsiteUrl"/>, <see cref="AlternativeWebsiteUrl"/> and
/// <see cref="PracticePhone"/> are read only when <see cref="IncludesWebsites"/> (version 1.1); unversioned calls leave them untouched.
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
    bool IncludesWebsites,
    string? PracticePhone = null);

public sealed record PracticeSaved(int Id, string AccountId, bool Created, CompletenessResult Completeness);

/// <summary>
/// Creates and updates accounts for the Partner API (partner-scoped keys and partner admins): the API's modes over
/// <see cref="AccountSaving"/>, the one save path that the portal's forms use too. Errors name <see cref="AccountUpdate"/>'s
/// fields; the API's endpoint gives them its JSON names.
/// </summary>
public sealed class PracticeService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public async Task<Result<PracticeSaved>> SaveAsync(PracticeInput input, PracticeSaveMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !(actor.IsPartnerApiKey || actor.IsPartnerAdmin))
        {
            return Error.NotFound("The partner");
        }

        var externalId = input.AccountId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > AccountSaving.MaxAccountIdLength)
        {
            return Error.ForField(AccountSaving.AccountIdField, $"accountId is required (at most {AccountSaving.MaxAccountIdLength} characters).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.PartnerId == partnerId && a.ExternalId == externalId, cancellationToken);
        if (account is null && mode == PracticeSaveMode.Update)
        {
            return new Error($"Account '{externalId}' was not found.", ResultCodes.NotFound, AccountSaving.AccountIdField);
        }

        if (account is not null && mode == PracticeSaveMode.Create)
        {
            return Error.ForField(AccountSaving.AccountIdField, $"An account with accountId '{externalId}' already exists; use PracticeUpdate or PracticeSave.");
        }

        // Unversioned calls do not carry the websites and the practice phone: they stay as they are.
        var update = new AccountUpdate(input.Name, input.Address1, input.Address2, input.City, input.State, input.PostalCode, input.CountryCode,
            input.IncludesWebsites ? input.WebsiteUrl : account?.WebsiteUrl,
            input.IncludesWebsites ? input.AlternativeWebsiteUrl : account?.AlternativeWebsiteUrl,
            input.IncludesWebsites ? input.PracticePhone : account?.PracticePhone);
        var saved = await AccountSaving.SaveAsync(db, auditLog, actor, partner, account, externalId, update,
            input.IncludesWebsites ? CreatedThrough.Api11 : CreatedThrough.ApiUnversioned, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (!saved.Succeeded)
        {
            return Result<PracticeSaved>.Fail(saved.Errors);
        }

        var result = saved.Value!;
        return Result<PracticeSaved>.Ok(new PracticeSaved(result.Account.Id, result.Account.ExternalId, result.Created,
            AccountCompleteness.Evaluate(result.Account, partner.BusinessDetails)));
    }
}

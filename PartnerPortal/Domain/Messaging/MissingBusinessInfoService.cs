using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Tenancy;
using static PartnerPortal.Domain.Completeness.CompletenessFields;

namespace PartnerPortal.Domain.Messaging;

/// <summary>One account field the "Update Business Information" form asks for, with why.</summary>
public sealed record MissingInfoField(string Field, string Label, string? CurrentValue, ProblemReason Reason, string Message);

/// <summary>The form: exactly the missing or invalid account fields, and the partner-side problems (for the partner admin).</summary>
public sealed record MissingInfoForm(
    int AccountId,
    string BusinessName,
    IReadOnlyList<MissingInfoField> Fields,
    IReadOnlyList<CompletenessProblem> PartnerProblems);

/// <summary>What submitting the form did.</summary>
/// <param name="VerificationRequested">True when numbers were requested and a verification request submitted.</param>
/// <param name="RequestedLocations">The locations whose numbers were requested.</param>
/// <param name="RemainingProblems">Problems left (only partner-side ones: the account's fields are valid).</param>
public sealed record MissingInfoOutcome(
    bool VerificationRequested,
    IReadOnlyList<string> RequestedLocations,
    IReadOnlyList<CompletenessProblem> RemainingProblems);

/// <summary>
/// The Send dialog's missing-business-info prompt (issue 5 item 5): reads the account fields that stop the
/// SMS Business Details from being complete, saves valid values (audited, completeness refreshed) and, when
/// the information is then complete, requests the numbers and their verification in the same save.
/// </summary>
public sealed class MissingBusinessInfoService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    NumberRequestService numberRequests,
    TimeProvider time)
{
    public async Task<Result<MissingInfoForm>> GetFormAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor).Include(a => a.Partner)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var completeness = AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails);
        return Result<MissingInfoForm>.Ok(new MissingInfoForm(
            account.Id,
            account.BusinessName,
            completeness.Problems.Where(p => p.Where == FixLocation.Account)
                .Select(p => new MissingInfoField(p.Field, p.Label, ValueOf(account, p.Field), p.Reason, p.Message))
                .ToList(),
            completeness.Problems.Where(p => p.Where == FixLocation.Partner).ToList()));
    }

    /// <summary>
    /// Saves <paramref name="values"/> (field key → value) for the account's missing or invalid fields; other
    /// keys are ignored. A value that is still missing or invalid is answered with its field's error and
    /// nothing is saved.
    /// </summary>
    public async Task<Result<MissingInfoOutcome>> SubmitAsync(int accountId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).WithLocationsAsync(db, accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var partner = account.Partner.BusinessDetails;
        var asked = AccountCompleteness.Evaluate(account, partner).Problems
            .Where(p => p.Where == FixLocation.Account).Select(p => p.Field).Distinct().ToList();
        var update = asked.Aggregate(AccountSaving.ToUpdate(account), (u, field) => With(u, field, values.GetValueOrDefault(field)));
        // The form asks the rule's questions, so the rule's sentences answer them; nothing is saved while one remains.
        var fieldErrors = AccountCompleteness.Evaluate(update, partner).Problems.Where(p => p.Where == FixLocation.Account)
            .Select(p => Error.ForField(p.Field, p.Message)).ToList();
        if (fieldErrors.Count > 0)
        {
            return Result<MissingInfoOutcome>.Fail(fieldErrors);
        }

        // Then the account form's own checks and audit entry (saved below, with the numbers it requests).
        var applied = AccountSaving.ApplyUpdate(db, auditLog, actor, account.Partner, account, update,
            $"Missing business information of {account.BusinessName} completed from the Send dialog", time.GetUtcNow().UtcDateTime);
        if (!applied.Succeeded)
        {
            return Result<MissingInfoOutcome>.Fail(applied.Errors.Select(e => e with { Field = FieldOf(e.Field) }).ToList());
        }

        var after = AccountCompleteness.Evaluate(account, partner);

        IReadOnlyList<string> requested = [];
        // Numbers are requested only for those who may request them (a SupportAgent only completes the information).
        if (after.IsComplete && actor.Can(PortalPolicies.SendTexts) && account.Locations.Any(l => l.SmsNumber is null or { Status: SmsNumberStatus.NoNumber or SmsNumberStatus.Rejected }))
        {
            var request = numberRequests.RequestWithin(db, actor, account, null);
            if (!request.Succeeded)
            {
                return Result<MissingInfoOutcome>.Fail(request.Errors);
            }

            requested = account.Locations.Where(l => request.Value!.LocationIds.Contains(l.Id)).Select(l => l.Name).ToList();
        }

        await auditLog.SaveChangesAsync(db, cancellationToken);
        if (requested.Count > 0)
        {
            await numberRequests.AnnounceRequestedAsync(account.Id, cancellationToken);
        }

        return Result<MissingInfoOutcome>.Ok(new MissingInfoOutcome(
            requested.Count > 0, requested, after.Problems.Where(p => p.Where == FixLocation.Partner).ToList()));
    }

    private static string? ValueOf(Account account, string field) => field switch
    {
        BusinessName => account.BusinessName,
        Address1 => account.Address1,
        City => account.City,
        State => account.State,
        PostalCode => account.PostalCode,
        CountryCode => account.CountryCode,
        Website => account.WebsiteUrl ?? account.AlternativeWebsiteUrl,
        _ => null,
    };

    // The rule's fields as the account form's: a Website fixes the Website URL (the first one the rule looks at).
    private static AccountUpdate With(AccountUpdate update, string field, string? value)
    {
        var clean = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return field switch
        {
            BusinessName => update with { BusinessName = clean },
            Address1 => update with { Address1 = clean },
            City => update with { City = clean },
            State => update with { State = clean?.ToUpperInvariant() },
            PostalCode => update with { PostalCode = clean?.ToUpperInvariant() },
            CountryCode => update with { CountryCode = BusinessFieldValidators.NormalizeCountry(clean) },
            Website => update with { WebsiteUrl = clean },
            _ => update,
        };
    }

    private static string? FieldOf(string? accountField) => accountField switch
    {
        nameof(AccountUpdate.BusinessName) => BusinessName,
        nameof(AccountUpdate.Address1) => Address1,
        nameof(AccountUpdate.City) => City,
        nameof(AccountUpdate.State) => State,
        nameof(AccountUpdate.PostalCode) => PostalCode,
        nameof(AccountUpdate.CountryCode) => CountryCode,
        nameof(AccountUpdate.WebsiteUrl) or nameof(AccountUpdate.AlternativeWebsiteUrl) => Website,
        _ => accountField,
    };
}

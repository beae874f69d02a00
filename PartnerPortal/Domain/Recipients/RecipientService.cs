using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Recipients;

/// <summary>An address book entry as lists and the Send dialog show it, with its opt-out state.</summary>
public sealed record RecipientSummary(
    int Id,
    RecipientKind Kind,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    string? Mobile,
    string? Email,
    string? ProviderId,
    DateTime? OptedOutAt,
    string? OptOutKeyword)
{
    public RecipientFacts Facts => new(Kind, FirstName, LastName, DateOfBirth, Mobile, Email);
    public string DisplayName => Facts.DisplayName;
    public bool IsOptedOut => OptedOutAt is not null;
}

public sealed record RecipientListPage(IReadOnlyList<RecipientSummary> Items, int TotalCount);

/// <summary>What a user enters for a recipient; the mobile may be typed as people do and is stored as E.164.</summary>
public sealed record RecipientInput(
    RecipientKind Kind,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    string? Mobile,
    string? Email,
    string? ProviderId = null);

/// <summary>
/// The account's address book (patients and contacts): search, add and edit. Readers of the account
/// see it; editors of the account change it. Audit entries name the entry and the changed fields, never
/// their values (PHI).
/// </summary>
public sealed class RecipientService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>The account's recipients whose name, mobile, email or patient id contains <paramref name="search"/>, by last name.</summary>
    public async Task<Result<RecipientListPage>> SearchAsync(int accountId, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ReadMessages))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var query = db.Recipients.AsNoTracking().Where(r => r.AccountId == accountId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = $"%{EscapeLike(search.Trim().ToLowerInvariant())}%";
            var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
            var digitTerm = digits.Length >= 3 ? $"%{digits}%" : null;
            query = query.Where(r =>
                EF.Functions.Like(((r.FirstName ?? "") + " " + (r.LastName ?? "")).ToLower(), term, "\\")
                || EF.Functions.Like(((r.LastName ?? "") + " " + (r.FirstName ?? "")).ToLower(), term, "\\")
                || EF.Functions.Like((r.Email ?? "").ToLower(), term, "\\")
                || EF.Functions.Like((r.ProviderId ?? "").ToLower(), term, "\\")
                || (digitTerm != null && EF.Functions.Like(r.Mobile ?? "", digitTerm)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await Project(db, query.OrderBy(r => r.LastName).ThenBy(r => r.FirstName).ThenBy(r => r.Id))
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return Result<RecipientListPage>.Ok(new RecipientListPage(items, total));
    }

    public async Task<Result<RecipientSummary>> GetAsync(int accountId, int recipientId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ReadMessages))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Accounts.VisibleTo(actor).Where(a => a.Id == accountId);
        var recipient = await Project(db, db.Recipients.AsNoTracking()
                .Where(r => r.Id == recipientId && r.AccountId == accountId && visible.Any()))
            .FirstOrDefaultAsync(cancellationToken);
        return recipient is null ? Error.NotFound("The recipient") : Result<RecipientSummary>.Ok(recipient);
    }

    public async Task<Result<RecipientSummary>> AddAsync(int accountId, RecipientInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ManagePracticeData))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var (values, errors) = Normalize(input, account.CountryCode);
        if (errors.Count > 0)
        {
            return Result<RecipientSummary>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var recipient = new Recipient { AccountId = account.Id, CreatedAt = now };
        Apply(recipient, values, now);
        await auditLog.InTransactionAsync(db, async () =>
        {
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync(cancellationToken);
            auditLog.Add(db, actor, new AuditRecord("recipient.created", "Recipient", recipient.Id.ToString(CultureInfo.InvariantCulture),
                $"{recipient.Kind} #{recipient.Id} added to the address book of {account.BusinessName}", account.PartnerId, account.Id));
        }, cancellationToken);
        return await GetAsync(account.Id, recipient.Id, cancellationToken);
    }

    public async Task<Result<RecipientSummary>> UpdateAsync(int accountId, int recipientId, RecipientInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ManagePracticeData))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        var recipient = account is null || !actor.CanEditAccount(account.PartnerId, account.Id)
            ? null
            : await db.Recipients.FirstOrDefaultAsync(r => r.Id == recipientId && r.AccountId == account.Id, cancellationToken);
        if (recipient is null)
        {
            return Error.NotFound("The recipient");
        }

        var (values, errors) = Normalize(input, account!.CountryCode);
        if (errors.Count > 0)
        {
            return Result<RecipientSummary>.Fail(errors);
        }

        var before = Snapshot(recipient);
        Apply(recipient, values, time.GetUtcNow().UtcDateTime);
        var changed = AuditLog.Diff(before, Snapshot(recipient)).Select(c => c.Field).ToList();
        if (changed.Count > 0)
        {
            // Field names only: the values are PHI.
            auditLog.Add(db, actor, new AuditRecord("recipient.updated", "Recipient", recipient.Id.ToString(CultureInfo.InvariantCulture),
                $"{recipient.Kind} #{recipient.Id} of {account.BusinessName} edited: {string.Join(", ", changed)}", account.PartnerId, account.Id));
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }

        return await GetAsync(account.Id, recipient.Id, cancellationToken);
    }

    private static IQueryable<RecipientSummary> Project(ApplicationDbContext db, IQueryable<Recipient> recipients) =>
        recipients.Select(r => new RecipientSummary(
            r.Id, r.Kind, r.FirstName, r.LastName, r.DateOfBirth, r.Mobile, r.Email, r.ProviderId,
            db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => (DateTime?)o.OptedOutAt).FirstOrDefault(),
            db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => o.Keyword).FirstOrDefault()));

    private (RecipientInput Values, List<Error> Errors) Normalize(RecipientInput input, string? accountCountry)
    {
        var errors = new List<Error>();
        var first = Clean(input.FirstName);
        var last = Clean(input.LastName);
        var email = Clean(input.Email);
        var providerId = Clean(input.ProviderId);
        string? mobile = null;

        if (first is null && last is null)
        {
            errors.Add(Error.ForField("lastName", "Enter a first or last name."));
        }

        if (first?.Length > 100)
        {
            errors.Add(Error.ForField("firstName", "The first name can be at most 100 characters."));
        }

        if (last?.Length > 100)
        {
            errors.Add(Error.ForField("lastName", "The last name can be at most 100 characters."));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (input.DateOfBirth is { } dob && (dob > today || dob.Year < 1900))
        {
            errors.Add(Error.ForField("dateOfBirth", "Enter a date of birth between 1900 and today."));
        }

        if (Clean(input.Mobile) is { } typed)
        {
            if (BusinessFieldValidators.TryNormalizePhone(typed, BusinessFieldValidators.NormalizeCountry(accountCountry) ?? "US", out var e164))
            {
                mobile = e164;
            }
            else
            {
                errors.Add(Error.ForField("mobile", "Enter a valid mobile number, such as (614) 555-0123 or +16145550123."));
            }
        }

        if (email is not null && (!BusinessFieldValidators.IsEmail(email) || email.Length > 254))
        {
            errors.Add(Error.ForField("email", "Enter a valid email address, such as name@example.com."));
        }

        if (providerId?.Length > 100)
        {
            errors.Add(Error.ForField("providerId", "The patient id can be at most 100 characters."));
        }

        return (new RecipientInput(input.Kind, first, last, input.DateOfBirth, mobile, email, providerId), errors);
    }

    private static void Apply(Recipient recipient, RecipientInput values, DateTime now)
    {
        recipient.Kind = values.Kind;
        recipient.FirstName = values.FirstName;
        recipient.LastName = values.LastName;
        recipient.DateOfBirth = values.DateOfBirth;
        recipient.Mobile = values.Mobile;
        recipient.Email = values.Email;
        recipient.ProviderId = values.ProviderId;
        recipient.UpdatedAt = now;
    }

    private static Dictionary<string, string?> Snapshot(Recipient recipient) => new()
    {
        ["Kind"] = recipient.Kind.ToString(),
        ["First Name"] = recipient.FirstName,
        ["Last Name"] = recipient.LastName,
        ["Date Of Birth"] = recipient.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Mobile"] = recipient.Mobile,
        ["Email"] = recipient.Email,
        ["Patient Id"] = recipient.ProviderId,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Partners;

/// <summary>
/// The Operator's Partners (DESIGN §7): the list with complete/incomplete account counts, create and edit (checked by
/// <see cref="PartnerBusinessDetailsRules.Validate"/>, as the Business Details form is), deactivate, the SMS API switch. Only Operators
/// and the command line (<see cref="PortalPolicies.OnboardPartners"/>, else 4030); each change is audited in its transaction.
/// The first admin: <see cref="Users.UserAdministrationService.CreateFirstAdminAsync"/>.
/// </summary>
public sealed partial class PartnerOnboardingService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxSlugLength = 100;
    private static readonly Error Forbidden = PortalPolicies.Refusal;

    public async Task<Result<IReadOnlyList<PartnerSummary>>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partners = db.Partners.AsNoTracking();
        if (search?.Trim() is { Length: > 0 } term)
        {
            var pattern = $"%{term.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            partners = partners.Where(p => EF.Functions.Like(p.Slug.ToLower(), pattern, "\\") || EF.Functions.Like(p.DisplayName.ToLower(), pattern, "\\"));
        }

        var rows = await partners.OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Slug, p.DisplayName, p.CorporateWebsite, p.SmsApiEnabled, p.DeactivatedAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        // Counted on the (PartnerId, SmsDetailsComplete, ...) index of the Accounts page.
        var counts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.PartnerId))
            .GroupBy(a => new { a.PartnerId, a.SmsDetailsComplete })
            .Select(g => new { g.Key.PartnerId, g.Key.SmsDetailsComplete, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var withAdmin = (await AdminsOf(db, ids).Select(u => u.PartnerId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        int Count(int partnerId, bool complete) => counts.Where(c => c.PartnerId == partnerId && c.SmsDetailsComplete == complete).Sum(c => c.Count);
        return Result<IReadOnlyList<PartnerSummary>>.Ok(rows.Select(r => new PartnerSummary(
            r.Id, r.Slug, r.DisplayName, r.CorporateWebsite, r.SmsApiEnabled, r.DeactivatedAt is null,
            Count(r.Id, true), Count(r.Id, false), withAdmin.Contains(r.Id))).ToList());
    }

    public async Task<Result<PartnerProfile>> GetAsync(int partnerId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        return partner is null ? Error.NotFound("The partner") : Result<PartnerProfile>.Ok(ToProfile(partner, actor));
    }

    /// <summary>Creates a partner (active; its SMS API switched on only when <paramref name="smsApiEnabled"/>).</summary>
    public async Task<Result<PartnerProfile>> CreateAsync(PartnerInput input, bool smsApiEnabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return Forbidden;
        }

        var slug = input.Slug?.Trim().ToLowerInvariant();
        var errors = new List<Error>();
        if (string.IsNullOrEmpty(slug))
        {
            errors.Add(Error.ForField(nameof(PartnerInput.Slug), "Slug is required."));
        }
        else if (slug.Length > MaxSlugLength || !SlugPattern().IsMatch(slug))
        {
            errors.Add(Error.ForField(nameof(PartnerInput.Slug),
                $"Slug must be lower-case letters, digits and single dashes (at most {MaxSlugLength} characters), such as oak-health."));
        }

        var (profile, profileErrors) = ValidateProfile(input);
        errors.AddRange(profileErrors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (slug is { Length: > 0 } && errors.All(e => e.Field != nameof(PartnerInput.Slug))
            && await db.Partners.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            errors.Add(Error.ForField(nameof(PartnerInput.Slug), $"A partner with slug {slug} already exists."));
        }

        if (errors.Count > 0)
        {
            return Result<PartnerProfile>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var partner = new Partner
        {
            Slug = slug!, DisplayName = profile.DisplayName!, CorporateWebsite = profile.CorporateWebsite, SmsApiEnabled = smsApiEnabled,
        };
        PartnerBusinessDetailsRules.Apply(partner.BusinessDetails, profile.BusinessDetails);
        partner.BusinessDetails.LastUpdatedAt = now;
        partner.BusinessDetails.LastUpdatedBy = actor.DisplayName;
        db.Partners.Add(partner);
        var changes = AuditLog.Diff(new Dictionary<string, string?>(), Fields(partner));
        await auditLog.InTransactionAsync(db, async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            auditLog.Add(db, actor, new AuditRecord("partner.created", nameof(Partner), partner.Id.ToString(CultureInfo.InvariantCulture),
                $"Partner {partner.DisplayName} ({partner.Slug}) created", partner.Id, null, changes));
        }, cancellationToken);
        return Result<PartnerProfile>.Ok(ToProfile(partner, actor));
    }

    /// <summary>Edits the display name, corporate website and business details (the slug stays); re-evaluates the accounts' completeness.</summary>
    public async Task<Result<PartnerProfile>> UpdateAsync(int partnerId, PartnerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return Forbidden;
        }

        var (profile, errors) = ValidateProfile(input);
        if (errors.Count > 0)
        {
            return Result<PartnerProfile>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var before = Fields(partner);
        partner.DisplayName = profile.DisplayName!;
        partner.CorporateWebsite = profile.CorporateWebsite;
        var detailsChanged = AuditLog.Diff(PartnerBusinessDetailsRules.Fields(DetailsOf(partner.BusinessDetails)), PartnerBusinessDetailsRules.Fields(profile.BusinessDetails)).Count > 0;
        PartnerBusinessDetailsRules.Apply(partner.BusinessDetails, profile.BusinessDetails);
        var changes = AuditLog.Diff(before, Fields(partner));
        if (changes.Count == 0)
        {
            return Result<PartnerProfile>.Ok(ToProfile(partner, actor));
        }

        if (detailsChanged)
        {
            partner.BusinessDetails.LastUpdatedAt = time.GetUtcNow().UtcDateTime;
            partner.BusinessDetails.LastUpdatedBy = actor.DisplayName;
        }

        await auditLog.InTransactionAsync(db, async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            var flipped = detailsChanged ? await PartnerService.ReevaluateAccountsAsync(db, partner, cancellationToken) : 0;
            auditLog.Add(db, actor, new AuditRecord("partner.updated", nameof(Partner), partner.Id.ToString(CultureInfo.InvariantCulture),
                $"Partner {partner.Slug} edited{(flipped > 0 ? $"; SMS Business Details completeness changed for {flipped} account{(flipped == 1 ? "" : "s")}" : "")}",
                partner.Id, null, changes));
        }, cancellationToken);
        return Result<PartnerProfile>.Ok(ToProfile(partner, actor));
    }

    /// <summary>The "SMS API" activation switch (off → every API send answers 4015), audited with before → after.</summary>
    public Task<Result<PartnerProfile>> SetSmsApiEnabledAsync(int partnerId, bool enabled, CancellationToken cancellationToken) =>
        SwitchAsync(partnerId, cancellationToken, partner =>
        {
            var before = partner.SmsApiEnabled;
            partner.SmsApiEnabled = enabled;
            return before == enabled ? null : ("partner.sms_api_switched", $"SMS API of {partner.Slug} switched {(enabled ? "on" : "off")}",
                new FieldChange("SMS API", OnOff(before), OnOff(enabled)));
        });

    /// <summary>Deactivates (or reactivates) a partner: its accounts keep their history but cannot send.</summary>
    public Task<Result<PartnerProfile>> SetActiveAsync(int partnerId, bool active, CancellationToken cancellationToken) =>
        SwitchAsync(partnerId, cancellationToken, partner =>
        {
            if ((partner.DeactivatedAt is null) == active)
            {
                return null;
            }

            partner.DeactivatedAt = active ? null : time.GetUtcNow().UtcDateTime;
            return (active ? "partner.reactivated" : "partner.deactivated", $"Partner {partner.Slug} {(active ? "reactivated" : "deactivated")}",
                new FieldChange("Status", active ? "Deactivated" : "Active", active ? "Active" : "Deactivated"));
        });

    private async Task<Result<PartnerProfile>> SwitchAsync(int partnerId, CancellationToken cancellationToken,
        Func<Partner, (string Action, string Summary, FieldChange Change)?> change)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        if (change(partner) is { } done)
        {
            auditLog.Add(db, actor, new AuditRecord(done.Action, nameof(Partner), partner.Id.ToString(CultureInfo.InvariantCulture),
                done.Summary, partner.Id, null, [done.Change]));
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }

        return Result<PartnerProfile>.Ok(ToProfile(partner, actor));
    }

    /// <summary>Enabled PartnerAdmin users of the partners.</summary>
    internal static IQueryable<ApplicationUser> AdminsOf(ApplicationDbContext db, IReadOnlyCollection<int> partnerIds) =>
        from user in db.Users
        where user.PartnerId != null && partnerIds.Contains(user.PartnerId.Value) && user.AccountId == null && !user.IsDisabled
        where (from userRole in db.UserRoles
               join role in db.Roles on userRole.RoleId equals role.Id
               where userRole.UserId == user.Id && role.Name == PortalRoles.PartnerAdmin
               select userRole).Any()
        select user;

    private static (PartnerInput Clean, List<Error> Errors) ValidateProfile(PartnerInput input)
    {
        var errors = new List<Error>();
        var name = input.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(Error.ForField(nameof(PartnerInput.DisplayName), "Display Name is required."));
        }
        else if (name.Length > 200)
        {
            errors.Add(Error.ForField(nameof(PartnerInput.DisplayName), "Display Name must be at most 200 characters."));
        }

        var website = string.IsNullOrWhiteSpace(input.CorporateWebsite) ? null : input.CorporateWebsite.Trim();
        if (website is not null && (website.Length > 500 || !BusinessFieldValidators.IsHttpUrl(website)))
        {
            errors.Add(Error.ForField(nameof(PartnerInput.CorporateWebsite),
                "Corporate Website must be an absolute http(s) address such as https://example.com (at most 500 characters)."));
        }

        var details = PartnerBusinessDetailsRules.Validate(input.BusinessDetails ?? new BusinessDetailsUpdate(null, null, null, null, null, null, null, null, null, null, null, null, null));
        errors.AddRange(details.Errors);
        return (new PartnerInput(input.Slug, name, website, details.Value ?? input.BusinessDetails!), errors);
    }

    private static Dictionary<string, string?> Fields(Partner partner)
    {
        var fields = new Dictionary<string, string?>
        {
            ["Slug"] = partner.Slug,
            ["Display Name"] = partner.DisplayName,
            ["Corporate Website"] = partner.CorporateWebsite,
            ["SMS API"] = OnOff(partner.SmsApiEnabled),
        };
        foreach (var (field, value) in PartnerBusinessDetailsRules.Fields(DetailsOf(partner.BusinessDetails)))
        {
            fields[PartnerBusinessDetailsRules.Labels[field]] = value;
        }

        return fields;
    }

    private static BusinessDetailsUpdate DetailsOf(PartnerBusinessDetails d) => new(
        d.Name, d.LegalName, d.Address1, d.Address2, d.City, d.State, d.PostalCode, d.CountryCode, d.Website,
        d.ContactFirstName, d.ContactLastName, d.ContactEmail, d.ContactPhone);

    private static string OnOff(bool value) => value ? "On" : "Off";

    private static PartnerProfile ToProfile(Partner partner, Actor actor) => new(
        partner.Id, partner.Slug, partner.DisplayName, partner.CorporateWebsite, partner.SmsApiEnabled, partner.DeactivatedAt is null,
        PartnerService.ToDetails(partner, actor));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Privacy;

/// <summary>The PHI Directive of the actor's partner, as the page shows it.</summary>
public sealed record PhiDirectiveDetails(
    int PartnerId,
    string PartnerName,
    int ContentRetentionDays,
    bool IsDefault,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    bool CanEdit);

/// <summary>
/// The PHI Directive (issue 8): how many days a partner's message content is kept. PartnerAdmin edits
/// it, SupportAgent reads it; every change is audited with its before and after values. The daily
/// <c>ContentRedactionJob</c> enforces it.
/// </summary>
public sealed class PhiDirectiveService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const string RetentionField = "contentRetentionDays";

    /// <summary>The one wording of the range (form validation and service), 1 to 3,650 as in <see cref="PhiDirective"/>.</summary>
    public const string RetentionRangeMessage = "Enter a number of days from 1 to 3,650.";

    /// <summary>The directive of the actor's partner (the default when it was never changed).</summary>
    public async Task<Result<PhiDirectiveDetails>> GetAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!IsPartnerUser(actor))
        {
            return Error.NotFound("The partner");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partnerId = actor.PartnerId!.Value;
        var partner = await db.Partners.AsNoTracking().VisibleTo(actor)
            .Where(p => p.Id == partnerId)
            .Select(p => new { p.Id, p.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var directive = await db.PhiDirectives.AsNoTracking().FirstOrDefaultAsync(d => d.PartnerId == partnerId, cancellationToken);
        return Result<PhiDirectiveDetails>.Ok(new PhiDirectiveDetails(
            partner.Id,
            partner.DisplayName,
            directive?.ContentRetentionDays ?? PhiDirective.DefaultRetentionDays,
            directive is null,
            directive?.UpdatedAt,
            directive?.UpdatedBy,
            actor.CanAdministerPartner(partnerId)));
    }

    /// <summary>Sets how many days the actor's partner keeps message content (PartnerAdmin only; 1 to 3,650).</summary>
    public async Task<Result<PhiDirectiveDetails>> UpdateAsync(int contentRetentionDays, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (!IsPartnerUser(actor))
        {
            return Error.NotFound("The partner");
        }

        var partnerId = actor.PartnerId!.Value;
        if (!actor.CanAdministerPartner(partnerId))
        {
            return new Error("Only a partner administrator can change the PHI Directive.");
        }

        if (!PhiDirective.IsValidRetention(contentRetentionDays))
        {
            return Error.ForField(RetentionField, RetentionRangeMessage);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().VisibleTo(actor)
            .Where(p => p.Id == partnerId)
            .Select(p => new { p.Id, p.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var directive = await db.PhiDirectives.FirstOrDefaultAsync(d => d.PartnerId == partnerId, cancellationToken);
        var before = directive?.ContentRetentionDays ?? PhiDirective.DefaultRetentionDays;
        if (before == contentRetentionDays)
        {
            // Nothing changes: nothing to store or audit.
            return await GetAsync(cancellationToken);
        }

        if (directive is null)
        {
            directive = new PhiDirective { PartnerId = partnerId, UpdatedBy = actor.DisplayName };
            db.PhiDirectives.Add(directive);
        }

        directive.ContentRetentionDays = contentRetentionDays;
        directive.UpdatedAt = time.GetUtcNow().UtcDateTime;
        directive.UpdatedBy = actor.DisplayName;
        auditLog.Add(db, actor, new AuditRecord(
            "phi_directive.updated", "PhiDirective", partner.Slug,
            $"PHI Directive: message content kept for {Days(contentRetentionDays)} (was {Days(before)})",
            partnerId,
            Changes: [new FieldChange("ContentRetentionDays", Invariant(before), Invariant(contentRetentionDays))]));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return await GetAsync(cancellationToken);
    }

    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString("N0", CultureInfo.InvariantCulture)} days";

    // The directive belongs to one partner: its admins edit it and its support agents read it.
    private static bool IsPartnerUser(Actor actor) =>
        (actor.IsPartnerAdmin || actor.IsSupportAgent) && actor.AccountId is null;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

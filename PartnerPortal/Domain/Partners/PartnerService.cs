using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Partners;

/// <summary>
/// The partner's business details: read by its admins and support agents, edited by its admins. An
/// edit re-evaluates the SMS Business Details completeness of every account of the partner in one
/// set-based UPDATE over the stored parts of the rule, in the same transaction as the change and its
/// audit entry.
/// </summary>
public sealed class PartnerService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    /// <summary>The business details of the actor's own partner.</summary>
    public async Task<Result<PartnerDetails>> GetBusinessDetailsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return actor.PartnerId is { } partnerId
            ? await GetBusinessDetailsAsync(partnerId, cancellationToken)
            : Error.NotFound("The partner");
    }

    /// <summary>
    /// The Business Details table (DESIGN §7): every vendor for an Operator, the actor's own partner for a partner user,
    /// by vendor slug; 4030 for anyone else.
    /// </summary>
    public async Task<Result<IReadOnlyList<PartnerDetails>>> ListBusinessDetailsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.ReadPartnerData))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partners = await db.Partners.AsNoTracking().VisibleTo(actor).OrderBy(p => p.Slug).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<PartnerDetails>>.Ok(partners.Select(p => ToDetails(p, actor)).ToList());
    }

    /// <summary>A partner's business details; not found outside the actor's scope (and for practice staff).</summary>
    public async Task<Result<PartnerDetails>> GetBusinessDetailsAsync(int partnerId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.CanReadPartner(partnerId))
        {
            return Error.NotFound("The partner");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        return partner is null ? Error.NotFound("The partner") : Result<PartnerDetails>.Ok(ToDetails(partner, actor));
    }

    /// <summary>
    /// Validates and saves the business details (the contact phone normalised to E.164 for the
    /// partner's country, US by default), audits the field changes and re-evaluates the SMS Business
    /// Details completeness of all of the partner's accounts. Only the partner's admins may do this.
    /// </summary>
    public async Task<Result<PartnerDetails>> UpdateBusinessDetailsAsync(int partnerId, BusinessDetailsUpdate update, CancellationToken cancellationToken)
    {
        if (await currentActor.GetAsync(cancellationToken) is var gate && !gate.Can(PortalPolicies.AdministerPartner) && !gate.Can(PortalPolicies.OnboardPartners))
        {
            return PortalPolicies.Refusal;
        }

        ArgumentNullException.ThrowIfNull(update);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.CanReadPartner(partnerId))
        {
            return Error.NotFound("The partner");
        }

        if (!actor.CanAdministerPartner(partnerId))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var validated = PartnerBusinessDetailsRules.Validate(update);
        if (!validated.Succeeded)
        {
            return Result<PartnerDetails>.Fail(validated.Errors);
        }

        var clean = validated.Value!;
        var changes = AuditLog.Diff(PartnerBusinessDetailsRules.Fields(ToDetails(partner, actor).ToUpdate()), PartnerBusinessDetailsRules.Fields(clean));
        if (changes.Count == 0)
        {
            return Result<PartnerDetails>.Ok(ToDetails(partner, actor));
        }

        PartnerBusinessDetailsRules.Apply(partner.BusinessDetails, clean);
        partner.BusinessDetails.LastUpdatedAt = time.GetUtcNow().UtcDateTime;
        partner.BusinessDetails.LastUpdatedBy = actor.DisplayName;

        await auditLog.InTransactionAsync(db, async () =>
        {
            var flipped = await ReevaluateAccountsAsync(db, partner, cancellationToken);
            var summary = $"Business Details of {partner.Slug} edited";
            if (flipped > 0)
            {
                summary += $"; SMS Business Details completeness changed for {flipped} account{(flipped == 1 ? "" : "s")}";
            }

            auditLog.Add(db, actor, new AuditRecord(
                "partner.business-details.updated", nameof(Partner), partner.Id.ToString(CultureInfo.InvariantCulture),
                summary, partner.Id, null, changes));
        }, cancellationToken);

        return Result<PartnerDetails>.Ok(ToDetails(partner, actor));
    }

    /// <summary>
    /// After the partner's business details changed: stores the SMS Business Details completeness of each of its
    /// accounts in one UPDATE over the stored parts of the rule (only rows whose result changes are written). Runs
    /// inside the change's transaction; returns how many accounts flipped.
    /// </summary>
    internal static Task<int> ReevaluateAccountsAsync(ApplicationDbContext db, Partner partner, CancellationToken cancellationToken)
    {
        var partnerId = partner.Id;
        var contact = partner.BusinessDetails.ToContactInfo();
        var contactOk = SmsBusinessDetailsRule.PartnerContactComplete(contact);
        var websiteOk = SmsBusinessDetailsRule.PartnerWebsiteValid(contact);
        return db.Accounts
            .Where(a => a.PartnerId == partnerId
                && a.SmsDetailsComplete != (a.AccountFieldsComplete && contactOk && (a.HasOwnWebsite || websiteOk)))
            .ExecuteUpdateAsync(setters => setters.SetProperty(
                a => a.SmsDetailsComplete,
                a => a.AccountFieldsComplete && contactOk && (a.HasOwnWebsite || websiteOk)), cancellationToken);
    }

    internal static PartnerDetails ToDetails(Partner partner, Actor actor)
    {
        var d = partner.BusinessDetails;
        return new PartnerDetails(
            partner.Id, partner.Slug, partner.DisplayName, d.Name, d.LegalName, d.Address1, d.Address2, d.City, d.State,
            d.PostalCode, d.CountryCode, d.Website, d.ContactFirstName, d.ContactLastName, d.ContactEmail, d.ContactPhone,
            d.LastUpdatedAt, d.LastUpdatedBy, actor.CanAdministerPartner(partner.Id));
    }

}

using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Audit;

/// <summary>Who reads which audit entries: Operators (and the system) all; partner admins and support agents their partner's; nobody else any.</summary>
public static class AuditScope
{
    public static bool CanRead(Actor actor) => actor.Can(PortalPolicies.ReadPartnerData);

    /// <summary>The whole-chain check: Operators and partner admins.</summary>
    public static bool CanVerify(Actor actor) => actor.Can(PortalPolicies.VerifyAuditIntegrity);

    public static IQueryable<AuditEntry> VisibleTo(this IQueryable<AuditEntry> entries, Actor actor)
    {
        if (actor.IsSystem || actor.IsOperator)
        {
            return entries;
        }

        if ((actor.IsPartnerAdmin || actor.IsSupportAgent) && actor.AccountId is null && actor.PartnerId is { } partnerId)
        {
            return entries.Where(e => e.PartnerId == partnerId);
        }

        return entries.Where(_ => false);
    }
}

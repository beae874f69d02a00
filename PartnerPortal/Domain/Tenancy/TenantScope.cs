using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Domain.Tenancy;

/// <summary>The query filters every service applies: an actor only ever sees its own tenant's rows.</summary>
public static class TenantScope
{
    public static IQueryable<Account> VisibleTo(this IQueryable<Account> accounts, Actor actor)
    {
        if (actor.IsSystem || actor.IsOperator)
        {
            return accounts;
        }

        if (actor.AccountId is { } accountId)
        {
            return accounts.Where(a => a.Id == accountId && a.PartnerId == actor.PartnerId);
        }

        if (actor.PartnerId is { } partnerId && actor.Role is not null)
        {
            return accounts.Where(a => a.PartnerId == partnerId);
        }

        return accounts.Where(_ => false);
    }

    public static IQueryable<Partner> VisibleTo(this IQueryable<Partner> partners, Actor actor)
    {
        if (actor.IsSystem || actor.IsOperator)
        {
            return partners;
        }

        return actor.PartnerId is { } partnerId && actor.Role is not null
            ? partners.Where(p => p.Id == partnerId)
            : partners.Where(_ => false);
    }

    public static IQueryable<Location> VisibleTo(this IQueryable<Location> locations, Actor actor)
    {
        if (actor.IsSystem || actor.IsOperator)
        {
            return locations;
        }

        if (actor.AccountId is { } accountId)
        {
            return locations.Where(l => l.AccountId == accountId && l.Account.PartnerId == actor.PartnerId);
        }

        return actor.PartnerId is { } partnerId && actor.Role is not null
            ? locations.Where(l => l.Account.PartnerId == partnerId)
            : locations.Where(_ => false);
    }
}

using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Domain.Tenancy;

/// <summary>
/// Who is acting, and the tenant they may act in. The one place that knows the current user's
/// partner, account and role; every domain service scopes its queries with it.
/// </summary>
public sealed record Actor(
    ActorKind Kind,
    string Id,
    string DisplayName,
    string? Role,
    int? PartnerId,
    int? AccountId,
    string? IpAddress = null)
{
    public static readonly Actor Anonymous = new(ActorKind.User, "anonymous", "Anonymous", null, null, null);

    public static Actor System(string name = "System") => new(ActorKind.System, "system", name, null, null, null);

    public bool IsAuthenticated => Kind == ActorKind.System || Role is not null;
    public bool IsOperator => Role == PortalRoles.Operator;
    public bool IsPartnerAdmin => Role == PortalRoles.PartnerAdmin && PartnerId is not null;
    public bool IsSupportAgent => Role == PortalRoles.SupportAgent && PartnerId is not null;
    public bool IsPracticeStaff => Role == PortalRoles.PracticeStaff && AccountId is not null;
    public bool IsSystem => Kind == ActorKind.System;

    /// <summary>A Partner API key: acts for its whole partner, like a partner admin for account information.</summary>
    public bool IsPartnerApiKey => Kind == ActorKind.ApiKey && Role == PortalRoles.PartnerApi && PartnerId is not null && AccountId is null;

    /// <summary>An Integration API key: acts for one account, like its practice staff.</summary>
    public bool IsAccountApiKey => Kind == ActorKind.ApiKey && Role == PortalRoles.IntegrationApi && AccountId is not null;

    /// <summary>True when the actor may read data of the partner (its own partner, or Operator/System).</summary>
    public bool CanReadPartner(int partnerId) =>
        IsSystem || IsOperator || (PartnerId == partnerId && AccountId is null && Role is not null);

    /// <summary>True when the actor may read the account.</summary>
    public bool CanReadAccount(int partnerId, int accountId) =>
        CanReadPartner(partnerId) || (AccountId == accountId && PartnerId == partnerId && Role is not null);

    /// <summary>PartnerAdmin and SupportAgent of the partner edit account information; staff edit their own account's missing fields.</summary>
    public bool CanEditAccount(int partnerId, int accountId) =>
        IsSystem
        || ((IsPartnerAdmin || IsSupportAgent || IsPartnerApiKey) && PartnerId == partnerId)
        || ((IsPracticeStaff || IsAccountApiKey) && AccountId == accountId && PartnerId == partnerId);

    public bool CanAdministerPartner(int partnerId) => IsSystem || (IsPartnerAdmin && PartnerId == partnerId);

    /// <summary>True when the user's role (or the API key) has the capability of DESIGN §1 (<see cref="PortalPolicies"/>); the system may do everything.</summary>
    public bool Can(string policy) =>
        IsSystem
        || (Kind == ActorKind.User && PortalPolicies.Allows(policy, Role))
        || (Kind == ActorKind.ApiKey && PortalPolicies.AllowsKey(policy, Role));
}

/// <summary>Resolves the actor of the current operation (circuit user, API key or background job).</summary>
public interface ICurrentActor
{
    ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default);
}

namespace PartnerPortal.Domain.Tenancy;

/// <summary>The four roles of DESIGN §1.</summary>
public static class PortalRoles
{
    public const string PartnerAdmin = nameof(PartnerAdmin);
    public const string SupportAgent = nameof(SupportAgent);
    public const string PracticeStaff = nameof(PracticeStaff);
    public const string Operator = nameof(Operator);

    /// <summary>Roles of API keys (not user roles).</summary>
    public const string PartnerApi = nameof(PartnerApi);
    public const string IntegrationApi = nameof(IntegrationApi);

    public static readonly IReadOnlyList<string> All = [PartnerAdmin, SupportAgent, PracticeStaff, Operator];

    /// <summary>Roles that belong to one partner (PracticeStaff also to one account).</summary>
    public const string PartnerUsers = PartnerAdmin + "," + SupportAgent;
    public const string Staff = PartnerAdmin + "," + SupportAgent + "," + PracticeStaff;
}

/// <summary>Claim types the portal adds to a signed-in user.</summary>
public static class PortalClaims
{
    public const string PartnerId = "portal:partner_id";
    public const string AccountId = "portal:account_id";
    public const string DisplayName = "portal:display_name";
    public const string ApiKeyId = "portal:api_key_id";
}

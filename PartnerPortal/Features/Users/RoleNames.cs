using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Features.Users;

/// <summary>How roles read on screen.</summary>
public static class RoleNames
{
    public static string Display(string? role) => role switch
    {
        PortalRoles.PartnerAdmin => "Partner Admin",
        PortalRoles.SupportAgent => "Support Agent",
        PortalRoles.PracticeStaff => "Practice Staff",
        PortalRoles.Operator => "Operator",
        null or "" => "No role",
        _ => role,
    };
}

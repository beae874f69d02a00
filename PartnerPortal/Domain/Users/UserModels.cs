using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Users;

/// <summary>A user of the partner as the Users page lists it.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    string? Role,
    int? AccountId,
    string? AccountName,
    DateTime? LastSignInAt,
    bool IsDisabled,
    bool IsCurrentUser);

/// <summary>An account of the partner a PracticeStaff user can belong to.</summary>
public sealed record UserAccountOption(int Id, string ExternalId, string Name);

/// <summary>
/// A user to create. <see cref="AccountId"/> is required for PracticeStaff and ignored otherwise;
/// without <see cref="Password"/> a password is generated (and shown once).
/// </summary>
public sealed record NewUserRequest(string Email, string DisplayName, string Role, int? AccountId = null, string? Password = null);

/// <summary>The created user and its initial password, which is never stored or shown again.</summary>
public sealed record CreatedUser(UserSummary User, string InitialPassword, bool PasswordWasGenerated);

/// <summary>The roles a partner admin may give (never Operator).</summary>
public static class AssignableRoles
{
    public static readonly IReadOnlyList<string> All = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent, PortalRoles.PracticeStaff];

    public static bool Contains(string? role) => role is not null && All.Contains(role);
}

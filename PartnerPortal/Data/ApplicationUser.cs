using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Data;

/// <summary>A portal user: its partner (all roles but Operator) and, for PracticeStaff, its account.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? PartnerId { get; set; }
    public int? AccountId { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime? LastSignInAt { get; set; }
}

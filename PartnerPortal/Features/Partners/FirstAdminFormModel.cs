using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.Partners;

/// <summary>"Create first admin": who the partner's first PartnerAdmin is.</summary>
public sealed class FirstAdminFormModel
{
    [Required(ErrorMessage = "Enter the admin's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address such as name@example.com.")]
    [StringLength(254, ErrorMessage = "E-mail must be at most 254 characters.")]
    public string? Email { get; set; }

    [StringLength(200, ErrorMessage = "Name must be at most 200 characters.")]
    public string? DisplayName { get; set; }
}

using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Numbers;

namespace PartnerPortal.Features.Verification;

public sealed class RejectVerificationFormModel
{
    [Required(ErrorMessage = "Enter the reason for the rejection.")]
    [StringLength(VerificationDecisions.MaxReasonLength, ErrorMessage = "The reason can have at most {1} characters.")]
    public string Reason { get; set; } = "";
}

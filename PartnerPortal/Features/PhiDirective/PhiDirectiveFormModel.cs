using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.PhiDirective;

public sealed class PhiDirectiveFormModel
{
    [Required(ErrorMessage = "Enter how many days message content is kept.")]
    [Range(Domain.Privacy.PhiDirective.MinRetentionDays, Domain.Privacy.PhiDirective.MaxRetentionDays,
        ErrorMessage = Domain.Privacy.PhiDirectiveService.RetentionRangeMessage)]
    public int? ContentRetentionDays { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.FormKeys;

public sealed class FormKeyFormModel
{
    [Required(ErrorMessage = "Enter a name for the form.")]
    [StringLength(100)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the form's link.")]
    [StringLength(500)]
    [RegularExpression(@"^\s*https://\S+$", ErrorMessage = "Enter an https link, such as https://forms.example.com/intake.")]
    [Display(Name = "Link")]
    public string? Url { get; set; }
}

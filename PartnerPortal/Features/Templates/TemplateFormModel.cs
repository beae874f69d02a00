using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.Templates;

public sealed class TemplateFormModel
{
    [Required(ErrorMessage = "Enter a name for the template.")]
    [StringLength(100)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the template's text.")]
    [StringLength(2000)]
    public string? Body { get; set; }
}

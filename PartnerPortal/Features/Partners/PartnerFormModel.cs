using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Features.BusinessDetails;

namespace PartnerPortal.Features.Partners;

/// <summary>The Partners page's create/edit form: the partner, and its business details as the Business Details form has them.</summary>
public sealed class PartnerFormModel : BusinessDetailsFormModel
{
    [Required(ErrorMessage = "Slug is required.")]
    [StringLength(100, ErrorMessage = "Slug must be at most 100 characters.")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Display Name is required.")]
    [StringLength(200, ErrorMessage = "Display Name must be at most 200 characters.")]
    public string? DisplayName { get; set; }

    [StringLength(500, ErrorMessage = "Corporate Website must be at most 500 characters.")]
    public string? CorporateWebsite { get; set; }

    public static PartnerFormModel From(PartnerProfile profile)
    {
        var model = new PartnerFormModel { Slug = profile.Slug, DisplayName = profile.DisplayName, CorporateWebsite = profile.CorporateWebsite };
        model.Fill(profile.BusinessDetails.ToUpdate());
        return model;
    }

    public PartnerInput ToInput() => new(Slug, DisplayName, CorporateWebsite, ToUpdate());
}

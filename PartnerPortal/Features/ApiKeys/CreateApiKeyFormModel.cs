using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.ApiKeys;

namespace PartnerPortal.Features.ApiKeys;

public sealed class CreateApiKeyFormModel
{
    [Required(ErrorMessage = "Name is required.")]
    [StringLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string Name { get; set; } = "";

    public ApiKeyScope Scope { get; set; } = ApiKeyScope.Partner;

    public int? AccountId { get; set; }
}

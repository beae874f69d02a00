using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Features.Accounts;

/// <summary>Adding or renaming a location or queue. Shape only; the service checks the name is free in the account.</summary>
public sealed class LocationFormModel
{
    [Required(ErrorMessage = "Name is required.")]
    [StringLength(LocationService.MaxNameLength, ErrorMessage = "Name must be at most 200 characters.")]
    public string? Name { get; set; }

    public LocationKind Kind { get; set; } = LocationKind.Location;
}

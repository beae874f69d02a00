using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Features.Recipients;

/// <summary>The add/edit recipient form; the service normalises the mobile to E.164 and checks the rest.</summary>
public sealed class RecipientFormModel
{
    public RecipientKind Kind { get; set; } = RecipientKind.Patient;

    [StringLength(100)]
    [Display(Name = "First name")]
    public string? FirstName { get; set; }

    [StringLength(100)]
    [Display(Name = "Last name")]
    public string? LastName { get; set; }

    [Display(Name = "Date of birth")]
    public DateTime? DateOfBirth { get; set; }

    [StringLength(30)]
    [Display(Name = "Mobile")]
    public string? Mobile { get; set; }

    [EmailAddress]
    [StringLength(254)]
    public string? Email { get; set; }

    [StringLength(100)]
    [Display(Name = "Patient id")]
    public string? ProviderId { get; set; }

    public static RecipientFormModel From(RecipientSummary recipient) => new()
    {
        Kind = recipient.Kind,
        FirstName = recipient.FirstName,
        LastName = recipient.LastName,
        DateOfBirth = recipient.DateOfBirth?.ToDateTime(TimeOnly.MinValue),
        Mobile = recipient.Mobile,
        Email = recipient.Email,
        ProviderId = recipient.ProviderId,
    };

    public RecipientInput ToInput() => new(
        Kind, FirstName, LastName, DateOfBirth is { } date ? DateOnly.FromDateTime(date) : null, Mobile, Email, ProviderId);
}

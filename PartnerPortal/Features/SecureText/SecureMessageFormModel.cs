using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.SecureText;

/// <summary>What the Secure Text link page asks for before it shows the message.</summary>
public sealed class SecureMessageFormModel
{
    /// <summary>As the browser's date input gives it: yyyy-MM-dd.</summary>
    [Required(ErrorMessage = "Enter your date of birth.")]
    [RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Enter your date of birth.")]
    [Display(Name = "Date of birth")]
    public string? DateOfBirth { get; set; }

    [Required(ErrorMessage = "Enter your last name.")]
    [StringLength(100)]
    [Display(Name = "Last name")]
    public string? LastName { get; set; }

    public DateOnly? ParsedDateOfBirth =>
        DateOnly.TryParseExact(DateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;
}

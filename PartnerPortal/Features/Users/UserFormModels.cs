using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;

namespace PartnerPortal.Features.Users;

/// <summary>The role part of the Users forms: a role, and an account when the role is PracticeStaff.</summary>
public interface IRoleFormModel
{
    string Role { get; set; }
    UserAccountOption? Account { get; set; }
}

internal static class RoleFormRules
{
    public static IEnumerable<ValidationResult> Validate(IRoleFormModel model)
    {
        if (model.Role == PortalRoles.PracticeStaff && model.Account is null)
        {
            yield return new ValidationResult("Practice staff need an account.", [nameof(IRoleFormModel.Account)]);
        }
    }

    /// <summary>The form field a service error belongs to.</summary>
    public static string? FieldOf(string? serviceField) => serviceField == "AccountId" ? nameof(IRoleFormModel.Account) : serviceField;
}

/// <summary>The "Add user" form.</summary>
public sealed class CreateUserFormModel : IRoleFormModel, IValidatableObject
{
    public const int MinimumPasswordLength = 12;

    [Required(ErrorMessage = "Enter the user's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the user's name.")]
    [StringLength(200)]
    public string DisplayName { get; set; } = "";

    [Required]
    public string Role { get; set; } = PortalRoles.SupportAgent;

    public UserAccountOption? Account { get; set; }

    /// <summary>When on, the portal generates the initial password (shown once); otherwise the admin gives it.</summary>
    public bool GeneratePassword { get; set; } = true;

    [StringLength(128)]
    public string? Password { get; set; }

    public NewUserRequest ToRequest() => new(Email.Trim(), DisplayName.Trim(), Role,
        Role == PortalRoles.PracticeStaff ? Account?.Id : null, GeneratePassword ? null : Password);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in RoleFormRules.Validate(this))
        {
            yield return result;
        }

        if (!GeneratePassword && (Password?.Length ?? 0) < MinimumPasswordLength)
        {
            yield return new ValidationResult($"The password needs at least {MinimumPasswordLength} characters.", [nameof(Password)]);
        }
    }
}

/// <summary>The "Change role" form.</summary>
public sealed class ChangeRoleFormModel : IRoleFormModel, IValidatableObject
{
    [Required]
    public string Role { get; set; } = PortalRoles.SupportAgent;

    public UserAccountOption? Account { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => RoleFormRules.Validate(this);
}

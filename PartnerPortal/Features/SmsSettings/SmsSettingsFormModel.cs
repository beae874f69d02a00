using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Features.SmsSettings;

/// <summary>The SMS Settings form. The password is never loaded into it: blank keeps the saved one.</summary>
public sealed class SmsSettingsFormModel
{
    [StringLength(2000, ErrorMessage = "The URL can have at most {1} characters.")]
    public string? ProviderUrl { get; set; }

    public bool UseAuthentication { get; set; }

    [StringLength(ProviderSettingsRules.MaxLogin, ErrorMessage = "The login can have at most {1} characters.")]
    public string? Login { get; set; }

    [StringLength(ProviderSettingsRules.MaxPassword, ErrorMessage = "The password can have at most {1} characters.")]
    public string? Password { get; set; }

    [StringLength(ProviderSettingsRules.MaxSenderName, ErrorMessage = "The sender name can have at most {1} characters.")]
    public string? SenderName { get; set; }

    public static SmsSettingsFormModel From(ProviderSettingsDetails details) => new()
    {
        ProviderUrl = details.ProviderUrl,
        UseAuthentication = details.UseAuthentication,
        Login = details.Login,
        SenderName = details.SenderName,
    };

    public ProviderSettingsInput ToInput() => new(ProviderUrl, UseAuthentication, Login, Password, SenderName);
}

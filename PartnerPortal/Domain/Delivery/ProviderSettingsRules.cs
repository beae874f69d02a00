using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Delivery;

/// <summary>The SMS Settings values as entered: an empty URL means the built-in provider.</summary>
public sealed record ProviderSettingsInput(string? ProviderUrl, bool UseAuthentication, string? Login, string? Password, string? SenderName);

/// <summary>The checks of the SMS Settings form (DESIGN §5), with the sentences the page shows.</summary>
public static class ProviderSettingsRules
{
    public const string UrlInvalid = "The provider URL must start with https:// and be a valid absolute URL.";
    public const string UrlRequiredForAuthentication = "Enter the provider URL to use authentication.";
    public const string LoginInvalid = "The login may contain only letters, digits and _ + . @ -";
    public const string LoginRequired = "Enter the login.";
    public const string PasswordRequired = "Enter the password.";
    public const string PasswordForNewAddress = "The provider address changed: enter the password again.";
    public const int MaxSenderName = 30;
    public const int MaxLogin = 100;
    public const int MaxPassword = 200;

    /// <summary>True for letters, digits and <c>_ + . @ -</c> only.</summary>
    public static bool IsValidLogin(string login) =>
        login.Length > 0 && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '.' or '@' or '-');

    /// <summary>The URL when it is an absolute https URL without credentials, else null.</summary>
    public static Uri? ParseUrl(string? url)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000 || text.Any(char.IsWhiteSpace)
            || !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri;
    }

    /// <summary>
    /// Field errors of <paramref name="input"/>; a blank password keeps the stored one only for the origin (scheme, host and
    /// port) it was saved with: a changed address must never receive the stored password.
    /// </summary>
    public static IReadOnlyList<Error> Validate(ProviderSettingsInput input, bool hasStoredPassword, string? storedUrl)
    {
        var sameOrigin = SameOrigin(storedUrl, input.ProviderUrl);
        var errors = Validate(input, hasStoredPassword && sameOrigin);
        return hasStoredPassword && !sameOrigin
            ? errors.Select(e => e.Field == "password" && e.Message == PasswordRequired ? Error.ForField("password", PasswordForNewAddress) : e).ToList()
            : errors;
    }

    /// <summary>True when both are absolute URLs of the same scheme, host and port.</summary>
    public static bool SameOrigin(string? storedUrl, string? enteredUrl) =>
        Uri.TryCreate(storedUrl?.Trim(), UriKind.Absolute, out var stored)
        && Uri.TryCreate(enteredUrl?.Trim(), UriKind.Absolute, out var entered)
        && Uri.Compare(stored, entered, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Field errors of <paramref name="input"/>; <paramref name="hasStoredPassword"/> lets a blank password keep the stored one.</summary>
    public static IReadOnlyList<Error> Validate(ProviderSettingsInput input, bool hasStoredPassword)
    {
        var errors = new List<Error>();
        var url = input.ProviderUrl?.Trim();
        if (!string.IsNullOrEmpty(url) && ParseUrl(url) is null)
        {
            errors.Add(Error.ForField("url", UrlInvalid));
        }
        else if (string.IsNullOrEmpty(url) && input.UseAuthentication)
        {
            errors.Add(Error.ForField("url", UrlRequiredForAuthentication));
        }

        if (input.UseAuthentication)
        {
            var login = input.Login?.Trim() ?? "";
            if (login.Length == 0)
            {
                errors.Add(Error.ForField("login", LoginRequired));
            }
            else if (!IsValidLogin(login))
            {
                errors.Add(Error.ForField("login", LoginInvalid));
            }
            else if (login.Length > MaxLogin)
            {
                errors.Add(Error.ForField("login", $"The login can have at most {MaxLogin} characters."));
            }

            if (string.IsNullOrEmpty(input.Password) && !hasStoredPassword)
            {
                errors.Add(Error.ForField("password", PasswordRequired));
            }
            else if (input.Password is { Length: > MaxPassword })
            {
                errors.Add(Error.ForField("password", $"The password can have at most {MaxPassword} characters."));
            }
        }

        if (input.SenderName?.Trim() is { Length: > MaxSenderName })
        {
            errors.Add(Error.ForField("senderName", $"The sender name can have at most {MaxSenderName} characters."));
        }

        return errors;
    }
}

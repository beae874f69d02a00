namespace PartnerPortal.Domain.SecureText;

/// <summary>Secure Text settings (<c>SecureText:*</c>).</summary>
public sealed class SecureTextOptions
{
    public const string Section = "SecureText";

    /// <summary>How long a link works after the notice is sent (DESIGN §4: 72 hours).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(72);

    /// <summary>Failed date of birth / last name checks after which the link locks.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The portal's public address the links point at (<c>SecureText:PublicBaseUrl</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5234";

    public string LinkFor(string token) => $"{PublicBaseUrl.TrimEnd('/')}/s/{token}";
}

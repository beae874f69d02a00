namespace PartnerPortal.Infrastructure.Email;

/// <summary>Notice email settings (<c>Email:*</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address of notices.</summary>
    public string From { get; set; } = "no-reply@partnerportal.local";

    /// <summary>Where the embedded default writes <c>.eml</c> files (relative to the content root).</summary>
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail");

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>An SMTP server (<c>Email:Smtp:*</c>); used when <see cref="Host"/> is set.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

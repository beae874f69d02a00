namespace PartnerPortal.Domain.Privacy;

/// <summary>The <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Time of day (UTC) the daily content redaction runs; default 03:00.</summary>
    public TimeSpan RedactionTimeUtc { get; set; } = TimeSpan.FromHours(3);
}

namespace PartnerPortal.Domain.Privacy;

/// <summary>The <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Time of day (UTC) the daily content redaction runs; default 03:00.</summary>
    public TimeSpan RedactionTimeUtc { get; set; } = TimeSpan.FromHours(3);

    /// <summary>At start-up, run the redaction at once when its last run is more than 24 hours old (or there was none).</summary>
    public bool CatchUpAtStartup { get; set; } = true;
}

namespace PartnerPortal.Domain.Privacy;

/// <summary>
/// A partner's PHI Directive: how many days message content is kept. After that the daily redaction job
/// replaces the content of its accounts' messages with <see cref="RedactedContent"/> (counts, statuses,
/// dates and segments stay). A partner without a row keeps content for <see cref="DefaultRetentionDays"/>.
/// </summary>
public class PhiDirective
{
    public const int DefaultRetentionDays = 90;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 3650;

    /// <summary>What a redacted message's content becomes.</summary>
    public const string RedactedContent = "[redacted]";

    public int PartnerId { get; set; }
    public int ContentRetentionDays { get; set; } = DefaultRetentionDays;
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>Messages created before this moment are past their retention at <paramref name="now"/>.</summary>
    public static DateTime CutoffFor(DateTime now, int retentionDays) => now.AddDays(-retentionDays);

    public static bool IsValidRetention(int days) => days is >= MinRetentionDays and <= MaxRetentionDays;
}

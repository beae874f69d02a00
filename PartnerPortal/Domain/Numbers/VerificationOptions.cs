namespace PartnerPortal.Domain.Numbers;

/// <summary>The <c>Verification</c> configuration section.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>
    /// Pending verification requests older than this are approved by the system (a demo aid). Absent or
    /// zero: off (the default); Development sets a short delay.
    /// </summary>
    public TimeSpan? AutoApproveAfter { get; set; }

    /// <summary>How often the auto-approver looks for due requests.</summary>
    public TimeSpan AutoApproveInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool AutoApprovalEnabled => AutoApproveAfter is { } after && after > TimeSpan.Zero;
}

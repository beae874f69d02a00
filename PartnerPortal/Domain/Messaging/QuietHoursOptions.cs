namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// <c>QuietHours:Enabled</c> (default true): false switches quiet hours off for the whole installation (a load bench, a
/// test host whose clock is the wall clock); each account's own setting applies only while it is on.
/// </summary>
public sealed class QuietHoursOptions
{
    public const string Section = "QuietHours";

    public static readonly QuietHoursOptions Default = new();

    public bool Enabled { get; set; } = true;
}

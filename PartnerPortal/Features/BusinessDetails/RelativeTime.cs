using Humanizer;

namespace PartnerPortal.Features.BusinessDetails;

/// <summary>"less than a minute ago", "2 hours ago": how long ago a UTC time was.</summary>
public static class RelativeTime
{
    public const string JustNow = "less than a minute ago";

    /// <summary>
    /// Under a minute (or slightly in the future, from clock skew) reads "less than a minute ago";
    /// Humanizer words the rest ("a minute ago", "2 hours ago", "yesterday").
    /// </summary>
    public static string Describe(DateTime? utc, DateTime nowUtc)
    {
        if (utc is not { } value)
        {
            return "Never";
        }

        var at = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return nowUtc - at < TimeSpan.FromMinutes(1)
            ? JustNow
            : at.Humanize(utcDate: true, dateToCompareAgainst: nowUtc);
    }
}

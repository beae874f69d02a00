namespace PartnerPortal.Domain.Accounts;

/// <summary>
/// An account's IANA time zone: the one set on the account, else its state's (the zone most of the state keeps;
/// US states and territories, Canadian provinces), else America/New_York. "Send later" times are read in it, and
/// quiet hours use it when a recipient's number gives no zone.
/// </summary>
public static class AccountTimeZones
{
    public const string Fallback = "America/New_York";

    private static readonly Dictionary<string, string> ByState = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AL"] = "America/Chicago", ["AK"] = "America/Anchorage", ["AZ"] = "America/Phoenix", ["AR"] = "America/Chicago",
        ["CA"] = "America/Los_Angeles", ["CO"] = "America/Denver", ["CT"] = "America/New_York", ["DE"] = "America/New_York",
        ["DC"] = "America/New_York", ["FL"] = "America/New_York", ["GA"] = "America/New_York", ["HI"] = "Pacific/Honolulu",
        ["ID"] = "America/Boise", ["IL"] = "America/Chicago", ["IN"] = "America/Indiana/Indianapolis", ["IA"] = "America/Chicago",
        ["KS"] = "America/Chicago", ["KY"] = "America/New_York", ["LA"] = "America/Chicago", ["ME"] = "America/New_York",
        ["MD"] = "America/New_York", ["MA"] = "America/New_York", ["MI"] = "America/Detroit", ["MN"] = "America/Chicago",
        ["MS"] = "America/Chicago", ["MO"] = "America/Chicago", ["MT"] = "America/Denver", ["NE"] = "America/Chicago",
        ["NV"] = "America/Los_Angeles", ["NH"] = "America/New_York", ["NJ"] = "America/New_York", ["NM"] = "America/Denver",
        ["NY"] = "America/New_York", ["NC"] = "America/New_York", ["ND"] = "America/Chicago", ["OH"] = "America/New_York",
        ["OK"] = "America/Chicago", ["OR"] = "America/Los_Angeles", ["PA"] = "America/New_York", ["RI"] = "America/New_York",
        ["SC"] = "America/New_York", ["SD"] = "America/Chicago", ["TN"] = "America/Chicago", ["TX"] = "America/Chicago",
        ["UT"] = "America/Denver", ["VT"] = "America/New_York", ["VA"] = "America/New_York", ["WA"] = "America/Los_Angeles",
        ["WV"] = "America/New_York", ["WI"] = "America/Chicago", ["WY"] = "America/Denver", ["PR"] = "America/Puerto_Rico",
        ["GU"] = "Pacific/Guam", ["VI"] = "America/St_Thomas", ["AS"] = "Pacific/Pago_Pago", ["MP"] = "Pacific/Saipan",
        // Canada (country CA): provinces and territories.
        ["AB"] = "America/Edmonton", ["BC"] = "America/Vancouver", ["MB"] = "America/Winnipeg", ["NB"] = "America/Moncton",
        ["NL"] = "America/St_Johns", ["NS"] = "America/Halifax", ["NT"] = "America/Yellowknife", ["NU"] = "America/Iqaluit",
        ["ON"] = "America/Toronto", ["PE"] = "America/Halifax", ["QC"] = "America/Toronto", ["SK"] = "America/Regina",
        ["YT"] = "America/Whitehorse",
    };

    /// <summary>The IANA id the account uses: its own, else its state's, else <see cref="Fallback"/>.</summary>
    public static string IdFor(string? timeZone, string? state, string? countryCode)
    {
        if (!string.IsNullOrWhiteSpace(timeZone) && TryFind(timeZone.Trim(), out _))
        {
            return timeZone.Trim();
        }

        // "CA" is California in the US and Canada as a country: the state code is read with the country.
        if (string.Equals(countryCode, "CA", StringComparison.OrdinalIgnoreCase) && string.Equals(state, "CA", StringComparison.OrdinalIgnoreCase))
        {
            return Fallback;
        }

        return state is not null && ByState.TryGetValue(state.Trim(), out var id) ? id : Fallback;
    }

    /// <summary>The zone for an IANA id, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? Find(string? id) => id is not null && TryFind(id, out var zone) ? zone : null;

    public static bool IsKnown(string? id) => !string.IsNullOrWhiteSpace(id) && TryFind(id.Trim(), out _);

    private static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (id.StartsWith("Etc/Unknown", StringComparison.Ordinal))
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    /// <summary>The zones offered on the account page (US, Canada and a few more); any IANA id is accepted.</summary>
    public static IReadOnlyList<string> Common { get; } = ByState.Values.Distinct().Order(StringComparer.Ordinal).ToList();
}

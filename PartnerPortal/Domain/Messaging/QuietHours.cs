using System.Globalization;
using PartnerPortal.Domain.Accounts;
using PhoneNumbers;

namespace PartnerPortal.Domain.Messaging;

/// <summary>An account's quiet hours (DESIGN §4 step 8): on by default, 20:00–08:00 in the recipient's local time.</summary>
public sealed record QuietWindow(bool Enabled, TimeOnly Start, TimeOnly End)
{
    public static readonly TimeOnly DefaultStart = new(20, 0);
    public static readonly TimeOnly DefaultEnd = new(8, 0);

    public static QuietWindow For(Account account) =>
        new(!account.QuietHoursDisabled, account.QuietHoursStart ?? DefaultStart, account.QuietHoursEnd ?? DefaultEnd);

    /// <summary>True when <paramref name="local"/> is inside the window (an overnight window wraps midnight; Start = End is none).</summary>
    public bool Contains(TimeOnly local) =>
        Enabled && Start != End && (Start < End ? local >= Start && local < End : local >= Start || local < End);

    public string Describe() => Enabled ? $"{Format(Start)}–{Format(End)} (the recipient's time)" : "Off";

    public static string Format(TimeOnly time) => time.ToString("h:mm tt", CultureInfo.InvariantCulture);
}

/// <summary>What the pipeline needs of an account to time a text.</summary>
public sealed record AccountTiming(QuietWindow Window, string TimeZoneId)
{
    public static AccountTiming For(Account account) =>
        new(QuietWindow.For(account), AccountTimeZones.IdFor(account.TimeZone, account.State, account.CountryCode));

    public TimeZoneInfo Zone => AccountTimeZones.Find(TimeZoneId) ?? TimeZoneInfo.Utc;
}

/// <summary>When a text goes out: now (<see cref="ScheduledFor"/> null) or later, and in which zone that time is told.</summary>
public sealed record SendTiming(DateTime? ScheduledFor, bool HeldByQuietHours, TimeZoneInfo RecipientZone)
{
    /// <summary>"This text will be sent at 8:00 AM (the recipient's time)." (with the day when it is not within a day).</summary>
    public string? Describe(DateTime nowUtc)
    {
        if (ScheduledFor is not { } at)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), RecipientZone);
        var time = local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        return at - nowUtc <= TimeSpan.FromHours(24)
            ? $"This text will be sent at {time} (the recipient's time)."
            : $"This text will be sent on {local.ToString("dddd, MMMM d", CultureInfo.InvariantCulture)} at {time} (the recipient's time).";
    }
}

/// <summary>
/// Quiet hours in the recipient's local time (DESIGN §4 step 8): the zone from the number (libphonenumber), else the account's.
/// A number spanning zones is held until outside quiet hours in all of them (the latest-starting zone's end, told in that zone).
/// Local times convert by the zone's own rules: an end inside a DST gap moves past it; one that occurs twice is the first.
/// </summary>
public static class QuietHours
{
    /// <summary>How far ahead a text may be scheduled ("Send later", <c>sendAt</c>).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(30);

    /// <summary>How far in the past a <c>sendAt</c> may be (clock skew) and still mean "now".</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(2);

    /// <summary>The zones of <paramref name="e164"/>, or the account's when the number gives none.</summary>
    public static IReadOnlyList<TimeZoneInfo> RecipientZones(string? e164, string accountZoneId)
    {
        var zones = new List<TimeZoneInfo>();
        if (!string.IsNullOrWhiteSpace(e164))
        {
            try
            {
                var number = PhoneNumberUtil.GetInstance().Parse(e164, null);
                foreach (var id in PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number))
                {
                    if (AccountTimeZones.Find(id) is { } zone && zones.All(z => z.Id != zone.Id))
                    {
                        zones.Add(zone);
                    }
                }
            }
            catch (NumberParseException)
            {
                // not a number: the account's zone below
            }
        }

        if (zones.Count == 0)
        {
            zones.Add(AccountTimeZones.Find(accountZoneId) ?? TimeZoneInfo.Utc);
        }

        return zones;
    }

    /// <summary>
    /// When a text to <paramref name="toNumber"/> created at <paramref name="nowUtc"/> (optionally asked for
    /// <paramref name="sendAtUtc"/>) goes out. <paramref name="toNumber"/> null (an email notice): quiet hours do not apply.
    /// </summary>
    public static SendTiming Decide(AccountTiming timing, string? toNumber, DateTime nowUtc, DateTime? sendAtUtc)
    {
        var zones = RecipientZones(toNumber, timing.TimeZoneId);
        var requested = sendAtUtc is { } asked && asked > nowUtc ? asked : nowUtc;
        var at = requested;
        var toldIn = zones.MinBy(z => z.GetUtcOffset(at)) ?? zones[0];
        var held = false;
        if (toNumber is not null && timing.Window.Enabled)
        {
            // Each zone still in quiet hours moves the time to its end, until none is (a few rounds at most).
            for (var round = 0; round < 4; round++)
            {
                var moved = false;
                foreach (var zone in zones)
                {
                    if (EndOfQuiet(timing.Window, zone, at) is { } end && end > at)
                    {
                        at = end;
                        toldIn = zone;
                        moved = held = true;
                    }
                }

                if (!moved)
                {
                    break;
                }
            }
        }

        return new SendTiming(at > nowUtc ? at : null, held, toldIn);
    }

    /// <summary>The end of the quiet period <paramref name="utc"/> falls in, in <paramref name="zone"/>; null when it is outside.</summary>
    public static DateTime? EndOfQuiet(QuietWindow window, TimeZoneInfo zone, DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        if (!window.Contains(time))
        {
            return null;
        }

        var day = DateOnly.FromDateTime(local);
        var endDay = time < window.End ? day : day.AddDays(1);
        return ToUtc(endDay.ToDateTime(window.End), zone);
    }

    /// <summary>A local wall time in <paramref name="zone"/> as UTC: past a spring-forward gap, the first of a repeated hour.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; i < 240 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(1);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>A "Send later" date and time in the account's zone, as UTC.</summary>
    public static DateTime FromAccountTime(DateTime local, AccountTiming timing) => ToUtc(local, timing.Zone);
}

using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>Quiet hours (20:00–08:00 in the recipient's time) across zones and daylight-saving change days.</summary>
public sealed class QuietHoursTests
{
    private static readonly AccountTiming Ohio = new(new QuietWindow(true, QuietWindow.DefaultStart, QuietWindow.DefaultEnd), "America/New_York");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("+16145550123", "2026-11-25T02:00:00Z", "2026-11-25T13:00:00Z")] // Ohio, 21:00 EST → 08:00 EST
    [InlineData("+16145550123", "2026-11-25T12:30:00Z", "2026-11-25T13:00:00Z")] // Ohio, 07:30 EST
    [InlineData("+15415550123", "2026-11-25T05:00:00Z", "2026-11-25T16:00:00Z")] // Oregon, 21:00 PST → 08:00 PST
    [InlineData("+19155550123", "2026-11-25T04:00:00Z", "2026-11-25T15:00:00Z")] // El Paso (Mountain), 21:00 MST
    [InlineData("+18085550123", "2026-11-25T12:00:00Z", "2026-11-25T18:00:00Z")] // Hawaii, 02:00 HST → 08:00 HST
    [InlineData("+33612345678", "2026-11-25T21:30:00Z", "2026-11-26T07:00:00Z")] // France, 22:30 CET → 08:00 CET
    public void Decide_InsideQuietHours_ScheduledForTheEndInTheRecipientsTime(string number, string now, string expected)
    {
        var timing = QuietHours.Decide(Ohio, number, DateTime.Parse(now).ToUniversalTime(), null);

        timing.ScheduledFor.Should().Be(DateTime.Parse(expected).ToUniversalTime());
        timing.HeldByQuietHours.Should().BeTrue();
        timing.Describe(DateTime.Parse(now).ToUniversalTime()).Should().Be("This text will be sent at 8:00 AM (the recipient's time).");
    }

    [Theory]
    [InlineData("+16145550123", "2026-11-25T15:00:00Z")] // Ohio, 10:00
    [InlineData("+15415550123", "2026-11-25T03:30:00Z")] // Oregon, 19:30 (Ohio is already in quiet hours: the recipient's time counts)
    [InlineData("+18085550123", "2026-11-25T19:00:00Z")] // Hawaii, 09:00 (14:00 in Ohio)
    public void Decide_OutsideQuietHours_SentNow(string number, string now)
    {
        QuietHours.Decide(Ohio, number, DateTime.Parse(now).ToUniversalTime(), null).ScheduledFor.Should().BeNull();
    }

    [Fact]
    public void Decide_AlaskaSpansTwoZones_HeldUntilTheLatestStartingZoneEnds()
    {
        // +1907 maps to America/Anchorage (UTC−9) and America/Adak (UTC−10): 03:00 in Anchorage is 02:00 in Adak.
        var timing = QuietHours.Decide(Ohio, "+19075550123", Utc(2026, 11, 25, 12), null);

        timing.ScheduledFor.Should().Be(Utc(2026, 11, 25, 18), "08:00 in Adak, the zone where the day starts last");
        timing.RecipientZone.Id.Should().Be("America/Adak");
    }

    [Fact]
    public void Decide_NumberWithoutZone_UsesTheAccountsZone()
    {
        var chicago = Ohio with { TimeZoneId = "America/Chicago" };

        // +44 7700 900xxx (a drama range) has no zone: Chicago's 21:00 is quiet.
        QuietHours.Decide(chicago, "+447700900123", Utc(2026, 11, 25, 3), null).ScheduledFor.Should().Be(Utc(2026, 11, 25, 14));
    }

    [Fact]
    public void Decide_SpringForwardNight_EndsAt8InDaylightTime()
    {
        // 23:00 EST on March 7, 2026; clocks go forward at 02:00: 08:00 EDT is 12:00 UTC, not 13:00.
        QuietHours.Decide(Ohio, "+16145550123", Utc(2026, 3, 8, 4), null).ScheduledFor.Should().Be(Utc(2026, 3, 8, 12));
    }

    [Fact]
    public void Decide_FallBackNight_EndsAt8InStandardTime()
    {
        // 23:00 EDT on October 31, 2026; clocks go back at 02:00 on November 1: 08:00 EST is 13:00 UTC.
        QuietHours.Decide(Ohio, "+16145550123", Utc(2026, 11, 1, 3), null).ScheduledFor.Should().Be(Utc(2026, 11, 1, 13));
    }

    [Fact]
    public void EndOfQuiet_EndInsideTheSpringForwardGap_MovesPastTheGap()
    {
        var window = new QuietWindow(true, new TimeOnly(1, 0), new TimeOnly(2, 30));
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        // 01:10 EST on March 8; 02:30 does not exist that day: the period ends at 03:00 EDT (07:00 UTC).
        QuietHours.EndOfQuiet(window, newYork, Utc(2026, 3, 8, 6, 10)).Should().Be(Utc(2026, 3, 8, 7));
    }

    [Fact]
    public void Decide_SendLaterInsideQuietHours_HeldUntilTheEnd()
    {
        // Asked for 22:00 Ohio time tomorrow: quiet hours apply to the chosen time too.
        var timing = QuietHours.Decide(Ohio, "+16145550123", Utc(2026, 11, 25, 15), Utc(2026, 11, 27, 3));

        timing.ScheduledFor.Should().Be(Utc(2026, 11, 27, 13));
        timing.Describe(Utc(2026, 11, 25, 15)).Should().Be("This text will be sent on Friday, November 27 at 8:00 AM (the recipient's time).");
    }

    [Fact]
    public void Decide_SendLaterOutsideQuietHours_ThatTime()
    {
        var timing = QuietHours.Decide(Ohio, "+16145550123", Utc(2026, 11, 25, 15), Utc(2026, 11, 25, 18));

        timing.ScheduledFor.Should().Be(Utc(2026, 11, 25, 18));
        timing.HeldByQuietHours.Should().BeFalse();
    }

    [Fact]
    public void Decide_QuietHoursOffOrEmailNotice_SentNow()
    {
        var night = Utc(2026, 11, 25, 3);

        QuietHours.Decide(Ohio with { Window = Ohio.Window with { Enabled = false } }, "+16145550123", night, null).ScheduledFor.Should().BeNull();
        QuietHours.Decide(Ohio, null, night, null).ScheduledFor.Should().BeNull();
    }
}

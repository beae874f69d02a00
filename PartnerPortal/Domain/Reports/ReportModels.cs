using System.Globalization;

namespace PartnerPortal.Domain.Reports;

/// <summary>
/// What the Reports page asks for: messages created from <see cref="From"/> to <see cref="To"/> (UTC
/// days, both included), optionally of one partner (Operator) and one account.
/// </summary>
public sealed record ReportFilter(DateOnly From, DateOnly To, int? PartnerId = null, int? AccountId = null)
{
    /// <summary>The last 12 months up to <paramref name="today"/>: from the first day of the month 11 months ago.</summary>
    public static ReportFilter LastTwelveMonths(DateOnly today) => LastMonths(today, 12);

    /// <summary>The current month and the <paramref name="months"/> − 1 before it, up to <paramref name="today"/>.</summary>
    public static ReportFilter LastMonths(DateOnly today, int months) =>
        new(new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1)), today);
}

/// <summary>
/// The figures of a set of messages (see <see cref="ReportService"/> for the definitions):
/// <see cref="MessagesSent"/> left us (Sent, Delivered, or Failed after sending), <see cref="Segments"/>
/// are their credits, <see cref="Delivered"/> and <see cref="Failed"/> count final statuses.
/// </summary>
public readonly record struct ReportFigures(int MessagesSent, int Segments, int Delivered, int Failed)
{
    /// <summary>Delivered ÷ (Delivered + Failed); null when no message reached a final status.</summary>
    public double? DeliveryRate => Delivered + Failed == 0 ? null : (double)Delivered / (Delivered + Failed);

    /// <summary>The rate as shown on the page and in the CSV, e.g. "97.5%"; "" when there is none.</summary>
    public string DeliveryRateText => DeliveryRate is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) : "";

    public static ReportFigures operator +(ReportFigures a, ReportFigures b) =>
        new(a.MessagesSent + b.MessagesSent, a.Segments + b.Segments, a.Delivered + b.Delivered, a.Failed + b.Failed);
}

/// <summary>An account a report can be filtered by.</summary>
public sealed record ReportAccountOption(int Id, int PartnerId, string ExternalId, string Name, string PartnerName)
{
    public override string ToString() => $"{Name} ({ExternalId})";
}

/// <summary>A partner an Operator can filter by.</summary>
public sealed record ReportPartnerOption(int Id, string Name);

/// <summary>One account's figures in one month (UTC, by the messages' creation time).</summary>
public sealed record AccountMonthFigures(ReportAccountOption Account, int Year, int Month, ReportFigures Figures)
{
    public string MonthText => MonthLabel(Year, Month);

    /// <summary>"2026-03": sortable, and what the CSV carries.</summary>
    public string MonthKey => $"{Year:0000}-{Month:00}";

    public static string MonthLabel(int year, int month) =>
        new DateTime(year, month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>All filtered accounts' figures in one month.</summary>
public sealed record MonthFigures(int Year, int Month, ReportFigures Figures)
{
    public string MonthText => AccountMonthFigures.MonthLabel(Year, Month);
}

/// <summary>
/// The report: one row per account and month with messages sent or failed (other months have no row),
/// every month of the range with the filtered accounts' totals (zeros included, for the chart), and the total.
/// </summary>
public sealed record MessageReport(
    ReportFilter Filter,
    IReadOnlyList<AccountMonthFigures> Rows,
    IReadOnlyList<MonthFigures> Months,
    ReportFigures Total);

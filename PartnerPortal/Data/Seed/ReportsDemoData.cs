using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;

namespace PartnerPortal.Data.Seed;

/// <summary>
/// Six months of delivered and failed texts for a few demo accounts (not Riverside, whose messages the
/// Send dialog fills), so the Reports page has a history to show. Content older than the default PHI
/// Directive (90 days) is already redacted, as the daily job would have done. Idempotent; added to the
/// caller's unit of work.
/// </summary>
public static class ReportsDemoData
{
    private static readonly string[] NorthwindAccounts = ["columbus-cardiology", "dayton-family-practice", "akron-eye-care", "detroit-pediatrics"];

    private static readonly string[] Texts =
    [
        "Reminder: your appointment is tomorrow at 9:00 AM. Reply C to confirm.",
        "Your prescription is ready for pickup.",
        "Please call us to schedule your annual check-up.",
        "Our office is closed on Monday. For urgent needs call the after-hours line.",
        "Flu shots are available now. Book online or call the front desk; walk-ins are welcome on Tuesdays and Thursdays " +
            "from 8:00 AM to 11:00 AM while supplies last. Reply STOP to opt out.",
    ];

    public static async Task AddAsync(ApplicationDbContext db, Partner northwind, Partner contoso, DateTime now, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts
            .Where(a => (a.PartnerId == northwind.Id && NorthwindAccounts.Contains(a.ExternalId))
                || (a.PartnerId == contoso.Id && a.ExternalId == "contoso-main"))
            .Where(a => !db.Messages.Any(m => m.AccountId == a.Id))
            .OrderBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);

        var random = new Random(8);
        var firstMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-5);
        foreach (var accountId in accounts)
        {
            for (var month = firstMonth; month < now; month = month.AddMonths(1))
            {
                var count = random.Next(15, 40);
                var end = month.AddMonths(1) < now ? month.AddMonths(1) : now;
                for (var i = 0; i < count; i++)
                {
                    var createdAt = month.AddSeconds(random.NextDouble() * (end - month).TotalSeconds);
                    var roll = random.Next(100);
                    var status = roll < 90 ? MessageStatus.Delivered : MessageStatus.Failed;
                    var refused = status == MessageStatus.Failed && roll >= 97;
                    var text = Texts[random.Next(Texts.Length)];
                    var segments = SegmentCalculator.Calculate(text);
                    var redacted = createdAt < PhiDirective.CutoffFor(now, PhiDirective.DefaultRetentionDays);
                    db.Messages.Add(new Message
                    {
                        AccountId = accountId,
                        ToNumber = $"+1614555{random.Next(1000, 9999)}",
                        Kind = MessageKind.SmsText,
                        Type = MessageType.Notification,
                        Content = redacted ? PhiDirective.RedactedContent : text,
                        ContentRedactedAt = redacted ? createdAt.AddDays(PhiDirective.DefaultRetentionDays) : null,
                        Encoding = segments.Encoding,
                        SegmentCount = segments.Segments,
                        Status = status,
                        ErrorCode = status == MessageStatus.Failed ? (refused ? "400" : "30003") : null,
                        ErrorReason = status == MessageStatus.Failed ? (refused ? "Invalid destination number" : "Unreachable handset") : null,
                        Attempts = 1,
                        CreatedAt = createdAt,
                        SentAt = refused ? null : createdAt.AddSeconds(2),
                        UpdatedAt = createdAt.AddSeconds(refused ? 2 : 30),
                    });
                }
            }
        }
    }
}

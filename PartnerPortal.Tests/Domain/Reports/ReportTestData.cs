using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Reports;

/// <summary>
/// A known data set: Northwind's accounts Alpha and Beta and Contoso's Gamma, with messages in
/// September and October 2026 (and one in June and one at the end of August, outside Sep–Oct):
/// <list type="table">
/// <item>Alpha, Sep 2026: 3 Delivered (1+2+1 segments), 1 Sent (3), 1 Failed after sending (2), 1 refused (Failed,
/// never sent, 1), 1 Pending (1) → sent 5, segments 9, delivered 3, failed 2, rate 60.0%.</item>
/// <item>Alpha, Oct 2026: 2 Delivered (1 each) → sent 2, segments 2, delivered 2, failed 0, rate 100.0%.</item>
/// <item>Beta, Sep 2026: 1 Pending only → no row.</item>
/// <item>Beta, Oct 2026: 1 Failed after sending (4), 1 Delivered (1, on Oct 31 23:59:59) → sent 2, segments 5, delivered 1, failed 1, rate 50.0%.</item>
/// <item>Gamma (Contoso), Oct 2026: 1 Delivered (1).</item>
/// <item>Alpha, Jun 2026: 1 Delivered (1); Alpha, Aug 31 2026 23:59:59: 1 Delivered (1).</item>
/// </list>
/// </summary>
public sealed class ReportTestData
{
    public int NorthwindId { get; private init; }
    public int ContosoId { get; private init; }
    public Account Alpha { get; private init; } = null!;
    public Account Beta { get; private init; } = null!;
    public Account Gamma { get; private init; } = null!;

    public static ReportTestData Seed(ApplicationDbContext db)
    {
        var northwind = TestData.AddPartner(db, "northwind");
        var contoso = TestData.AddPartner(db, "contoso");
        var alpha = TestData.AddAccount(db, northwind, "alpha");
        var beta = TestData.AddAccount(db, northwind, "beta");
        var gamma = TestData.AddAccount(db, contoso, "gamma");

        var sep = new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc);
        var oct = new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc);
        db.Messages.AddRange(
            Message(alpha, sep, MessageStatus.Delivered, 1),
            Message(alpha, sep, MessageStatus.Delivered, 2),
            Message(alpha, sep, MessageStatus.Delivered, 1),
            Message(alpha, sep, MessageStatus.Sent, 3),
            Message(alpha, sep, MessageStatus.Failed, 2),
            Message(alpha, sep, MessageStatus.Failed, 1, sent: false),
            Message(alpha, sep, MessageStatus.Pending, 1, sent: false),
            Message(alpha, oct, MessageStatus.Delivered, 1),
            Message(alpha, oct, MessageStatus.Delivered, 1),
            Message(beta, sep, MessageStatus.Pending, 1, sent: false),
            Message(beta, oct, MessageStatus.Failed, 4),
            Message(beta, new DateTime(2026, 10, 31, 23, 59, 59, DateTimeKind.Utc), MessageStatus.Delivered, 1),
            Message(gamma, oct, MessageStatus.Delivered, 1),
            Message(alpha, new DateTime(2026, 6, 15, 9, 0, 0, DateTimeKind.Utc), MessageStatus.Delivered, 1),
            Message(alpha, new DateTime(2026, 8, 31, 23, 59, 59, DateTimeKind.Utc), MessageStatus.Delivered, 1));
        db.SaveChanges();
        return new ReportTestData { NorthwindId = northwind.Id, ContosoId = contoso.Id, Alpha = alpha, Beta = beta, Gamma = gamma };
    }

    public static Message Message(Account account, DateTime createdAt, MessageStatus status, int segments, bool sent = true, string content = "Your appointment is tomorrow.") => new()
    {
        AccountId = account.Id,
        Kind = MessageKind.SmsText,
        Type = MessageType.Notification,
        ToNumber = "+16145550123",
        Content = content,
        Encoding = "GSM-7",
        SegmentCount = segments,
        Status = status,
        CreatedAt = createdAt,
        SentAt = sent ? createdAt.AddSeconds(5) : null,
        UpdatedAt = createdAt.AddMinutes(1),
    };
}

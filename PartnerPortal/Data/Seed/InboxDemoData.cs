using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data.Seed;

/// <summary>
/// The Inbox's demo (issue 20): queues (Locations of kind Queue, no number) on Riverside and contoso-main, and three
/// texts Riverside sent from its Default Location, two of them assigned to a queue ("Assign to a queue"), whose
/// replies arrive through the real inbound path once the demo users exist, so the threads, their queues, the unread
/// counts and the staff's bell are what a live reply makes. No location's number is touched, so the Send From states of
/// DESIGN §8 stay as seeded. Idempotent: queues are added when missing, the conversations only to an account without texts.
/// </summary>
public static class InboxDemoData
{
    public static readonly IReadOnlyList<(string ExternalId, string Name)> RiversideQueues = [("billing", "Billing"), ("refills", "Refills")];
    public static readonly IReadOnlyList<(string ExternalId, string Name)> ContosoQueues = [("front-desk", "Front Desk")];

    private static readonly Conversation[] Conversations =
    [
        new("+16145550123", "billing", TimeSpan.FromHours(26),
            "Hi Jordan, your statement from Riverside Family Medicine is ready in the patient portal. Questions? Reply to this text.",
            "Can I pay the balance over the phone?"),
        new("+16145550126", "refills", TimeSpan.FromHours(5),
            "Hi Alex, we received your refill request and will text you when it is ready for pickup.",
            "Thanks! Can I pick it up on Saturday morning?"),
        new("+16145550124", null, TimeSpan.FromHours(3),
            "Hi Maria, this is a reminder of your appointment tomorrow at 9:00 AM at Riverside Family Medicine.",
            "See you then. Is there parking at the Riverside Drive entrance?"),
    ];

    /// <summary>Adds the account's missing queues after its locations (to the caller's unit of work).</summary>
    public static async Task EnsureQueuesAsync(ApplicationDbContext db, int accountId, IReadOnlyList<(string ExternalId, string Name)> queues,
        CancellationToken cancellationToken)
    {
        var existing = await db.Locations.Where(l => l.AccountId == accountId)
            .Select(l => new { l.ExternalId, l.SortOrder }).ToListAsync(cancellationToken);
        var next = existing.Count == 0 ? 0 : existing.Max(l => l.SortOrder) + 1;
        foreach (var (externalId, name) in queues.Where(q => existing.All(l => l.ExternalId != q.ExternalId)))
        {
            db.Locations.Add(new Location { AccountId = accountId, ExternalId = externalId, Name = name, Kind = LocationKind.Queue, SortOrder = next++ });
        }
    }

    /// <summary>
    /// Adds the texts the demo replies answer (delivered, to the caller's unit of work) when the account has sent none;
    /// returns whether it did, so the replies are received once (<see cref="ReceiveRepliesAsync"/>).
    /// </summary>
    public static async Task<bool> AddSentTextsAsync(ApplicationDbContext db, int accountId, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Messages.AnyAsync(m => m.AccountId == accountId, cancellationToken)
            || await db.InboundMessages.AnyAsync(m => m.AccountId == accountId, cancellationToken))
        {
            return false;
        }

        var places = await db.Locations.Include(l => l.SmsNumber).Where(l => l.AccountId == accountId).ToListAsync(cancellationToken);
        var from = places.Single(l => l.IsDefault);
        var phones = Conversations.Select(c => c.Phone).ToList();
        var recipients = await db.Recipients.Where(r => r.AccountId == accountId && r.Mobile != null && phones.Contains(r.Mobile))
            .ToDictionaryAsync(r => r.Mobile!, r => r.Id, cancellationToken);
        foreach (var conversation in Conversations)
        {
            var sentAt = now - conversation.Ago;
            var segments = SegmentCalculator.Calculate(conversation.Sent);
            db.Messages.Add(new Message
            {
                AccountId = accountId, LocationId = from.Id, SenderNumber = from.SmsNumber!.Number,
                RecipientId = recipients.TryGetValue(conversation.Phone, out var recipientId) ? recipientId : null,
                ToNumber = conversation.Phone, Kind = MessageKind.SmsText, Type = MessageType.Notification, Content = conversation.Sent,
                Encoding = segments.Encoding, SegmentCount = segments.Segments, Status = MessageStatus.Delivered, Attempts = 1,
                CreatedAt = sentAt, SentAt = sentAt.AddSeconds(2), DeliveredAt = sentAt.AddSeconds(6), UpdatedAt = sentAt.AddSeconds(6),
                QueueLocationId = conversation.Queue is { } queue ? places.Single(l => l.ExternalId == queue).Id : null,
            });
        }

        return true;
    }

    /// <summary>The patients' replies, through the inbound pipeline (threads, queues, unread counts, the staff's notifications).</summary>
    public static async Task ReceiveRepliesAsync(ApplicationDbContext db, InboundService inbound, int accountId, CancellationToken cancellationToken)
    {
        var to = await db.Locations.AsNoTracking().Where(l => l.AccountId == accountId && l.IsDefault)
            .Select(l => l.SmsNumber!.Number).FirstAsync(cancellationToken);
        for (var i = 0; i < Conversations.Length; i++)
        {
            var received = await inbound.ReceiveAsync(accountId,
                new ProviderInboundText($"demo-reply-{i + 1}", Conversations[i].Phone, to, Conversations[i].Reply), cancellationToken);
            if (!received.Succeeded)
            {
                throw new InvalidOperationException($"Demo data: a demo reply was refused: {received.FirstError!.Message}");
            }
        }
    }

    private sealed record Conversation(string Phone, string? Queue, TimeSpan Ago, string Sent, string Reply);
}

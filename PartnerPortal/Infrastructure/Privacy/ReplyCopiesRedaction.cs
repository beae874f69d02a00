using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Infrastructure.Privacy;

/// <summary>
/// The copies of patients' replies kept outside InboundMessages, redacted with the replies by <see cref="ContentRedactionJob"/>
/// in its transaction: the Inbox list's preview of a thread's latest reply, and the reply's text in the stored body of a
/// <c>message.inbound</c> webhook delivery (subscriptions that opted in to content). A delivery is created by the relay
/// after the reply arrived, so deliveries up to <see cref="RelayAllowance"/> past the cutoff are read and each is
/// redacted when the reply it carries (its <c>receivedAt</c>) is older than the cutoff.
/// </summary>
public static class ReplyCopiesRedaction
{
    public const int PageSize = 500;
    public static readonly TimeSpan RelayAllowance = TimeSpan.FromDays(1);

    private const string ContentProperty = "\"content\":";
    private static readonly string RedactedContentProperty = $"{ContentProperty}\"{PhiDirective.RedactedContent}\"";

    /// <summary>Redacts the partner's reply copies older than <paramref name="cutoff"/>; returns the audit summary's addition ("" for none).</summary>
    public static async Task<string> RunAsync(ApplicationDbContext db, int partnerId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var previews = await db.InboxThreads
            .Where(t => db.Accounts.Any(a => a.Id == t.AccountId && a.PartnerId == partnerId)
                && t.LastReplyAt < cutoff && t.LastReplyPreview != null && t.LastReplyPreview != PhiDirective.RedactedContent)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastReplyPreview, PhiDirective.RedactedContent), cancellationToken);
        var payloads = await RedactPayloadsAsync(db, partnerId, cutoff, cancellationToken);
        var parts = new List<string>(2);
        if (payloads > 0)
        {
            parts.Add(Count(payloads, "webhook delivery", "webhook deliveries"));
        }

        if (previews > 0)
        {
            parts.Add(Count(previews, "Inbox preview", "Inbox previews"));
        }

        return parts.Count == 0 ? "" : $"; reply text removed from {string.Join(" and ", parts)}";
    }

    private static async Task<int> RedactPayloadsAsync(ApplicationDbContext db, int partnerId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.PartnerId == partnerId && s.EventType == WebhookEvents.MessageInbound)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var createdBefore = cutoff + RelayAllowance;
        var redacted = 0;
        long after = 0;
        while (true)
        {
            var page = await db.WebhookDeliveries
                .Where(d => subscriptions.Contains(d.SubscriptionId) && d.CreatedAt < createdBefore && d.Id > after
                    && d.PayloadJson.Contains(ContentProperty) && !d.PayloadJson.Contains(RedactedContentProperty))
                .OrderBy(d => d.Id).Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return redacted;
            }

            foreach (var delivery in page)
            {
                if (WebhookPayloads.RedactInboundContent(delivery.PayloadJson, cutoff, PhiDirective.RedactedContent) is { } payload)
                {
                    delivery.PayloadJson = payload;
                    redacted++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = page[^1].Id;
        }
    }

    private static string Count(int count, string one, string many) =>
        count == 1 ? $"1 {one}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {many}";
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Domain.Delivery;

/// <summary>What an opt-out did: the confirmation reply queued, and the scheduled texts it cancelled.</summary>
public sealed record RecordedOptOut(long ReplyId, int Cancelled);

/// <summary>
/// An opt-out as STOP makes it, for the paths that are not the inbound keyword itself (a reply confirmed in review):
/// the opt-out row with its reason, one confirmation reply queued before it takes effect, and the number's scheduled
/// texts cancelled. Runs inside the caller's transaction; the caller writes the audit entry.
/// </summary>
public static class OptOutRecorder
{
    public static string CancelReason(string businessName) =>
        $"Not sent: the recipient opted out of texts from {businessName} before its scheduled time.";

    /// <returns>Null when the number was already opted out (nothing is done).</returns>
    public static async Task<RecordedOptOut?> OptOutAsync(ApplicationDbContext db, Account account, Location? from, string phone, int? recipientId,
        string keyword, string? reason, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.OptOuts.AnyAsync(o => o.AccountId == account.Id && o.Phone == phone, cancellationToken))
        {
            return null;
        }

        var location = from ?? account.Locations.OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).FirstOrDefault();
        var reply = InboundService.Reply(account, location, phone, recipientId, InboundService.OptOutReply(account.BusinessName), now);
        db.Messages.Add(reply);
        db.OptOuts.Add(new OptOut { AccountId = account.Id, Phone = phone, Keyword = keyword, Reason = Truncate(reason), OptedOutAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var cancelled = await ScheduledTextService.CancelForNumberAsync(db, account.Id, phone, CancelReason(account.BusinessName), now, cancellationToken);
        return new RecordedOptOut(reply.Id, cancelled);
    }

    public static string? Truncate(string? reason) => reason is { Length: > 300 } ? reason[..300] : reason;
}

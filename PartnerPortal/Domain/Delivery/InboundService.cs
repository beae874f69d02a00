using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Delivery;

/// <summary>What an inbound text did: the stored text, its action, and the reply queued for it (if any).</summary>
public sealed record InboundOutcome(long InboundMessageId, InboundAction Action, string? Keyword, long? ReplyMessageId, bool Duplicate);

/// <summary>
/// Inbound texts, read by DESIGN §4's keywords, else by <see cref="OptOutIntent"/> (possible opt-outs go to <see cref="OptOutReviewQueue"/>).
/// An opt-out cancels the number's scheduled texts and queues its confirmation in the same transaction, so that is still sent (the
/// dispatcher holds back only texts queued before it). START/YES/UNSTOP from a sender not opted out is an ordinary reply; HELP gives the
/// practice phone, else the Default Location's number. Every text is kept in its thread; opt-outs and opt-ins are audited, number masked.
/// </summary>
public sealed partial class InboundService(IDbContextFactory<ApplicationDbContext> dbFactory, AuditLog auditLog, TimeProvider time, OptOutReviewQueue reviews, InboxFiling? inbox = null)
{
    public static readonly Actor ProviderActor = Actor.System("SMS provider");
    private const int MaxToLength = 20;

    public static string OptOutReply(string practice) =>
        $"{practice}: You are unsubscribed and will receive no more texts from us. Reply START to subscribe again.";

    public static string OptInReply(string practice) =>
        $"{practice}: You are subscribed to texts again. Reply STOP to unsubscribe, HELP for help.";

    public static string HelpReply(string practice, string? phone) => phone is null
        ? $"{practice}: For help, please contact the practice. Reply STOP to unsubscribe."
        : $"{practice}: For help, call {phone}. Reply STOP to unsubscribe.";

    /// <summary>Stores and acts on one inbound text of <paramref name="accountId"/>; a repeated provider id is acknowledged and ignored.</summary>
    public async Task<Result<InboundOutcome>> ReceiveAsync(int accountId, ProviderInboundText inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var id = inbound.Id?.Trim();
        var from = inbound.From?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            return Error.ForField("id", "The inbound text needs the provider's id (at most 200 characters).");
        }

        if (from is null || !PhoneShape().IsMatch(from))
        {
            return Error.ForField("from", "The sender must be an E.164 number, such as +16145550123.");
        }

        var to = inbound.To?.Trim();
        if (to is { Length: > MaxToLength })
        {
            // Not one of our numbers (E.164): the text, a STOP above all, is kept without it rather than failing
            // on PostgreSQL's column length (SQLite does not check it).
            to = null;
        }

        var text = inbound.Text ?? "";
        if (text.Length > 2000)
        {
            text = text[..2000];
        }

        // Two texts of one sender can race (e.g. STOP sent twice): the unique opt-out and provider id indexes
        // make the loser fail; it is then processed again against what the winner stored.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReceiveOnceAsync(accountId, id, from, to, text, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<Result<InboundOutcome>> ReceiveOnceAsync(int accountId, string id, string from, string? to, string text, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var duplicate = await db.InboundMessages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.ProviderMessageId == id)
            .Select(m => new { m.Id, m.Action, m.Keyword, m.ReplyMessageId })
            .FirstOrDefaultAsync(cancellationToken);
        if (duplicate is not null)
        {
            return Result<InboundOutcome>.Ok(new InboundOutcome(duplicate.Id, duplicate.Action, duplicate.Keyword, duplicate.ReplyMessageId, Duplicate: true));
        }

        var account = await db.Accounts.AsNoTracking().WithLocationsAsync(db, accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var location = account.Locations.FirstOrDefault(l => to is not null && l.SmsNumber?.Number == to);
        var defaultLocation = account.Locations.OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).FirstOrDefault();
        var recipientId = await db.Recipients.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.Mobile == from)
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var optOut = await db.OptOuts.FirstOrDefaultAsync(o => o.AccountId == accountId && o.Phone == from, cancellationToken);

        var keyword = InboundKeywords.Parse(text);
        // Not a keyword, and not opted out already: consent revoked "by any reasonable means" (DESIGN §4).
        var intent = keyword.Action == InboundAction.None && optOut is null ? OptOutIntent.Classify(text) : OptOutIntentMatch.None;
        if (intent.Kind == OptOutIntentKind.OptOut)
        {
            keyword = new InboundKeyword(InboundAction.OptOut, OptOut.ByIntent);
        }
        var inbound = new InboundMessage
        {
            AccountId = accountId,
            LocationId = location?.Id,
            RecipientId = recipientId,
            FromNumber = from,
            ToNumber = to,
            Text = text,
            ProviderMessageId = id,
            ReceivedAt = now,
        };

        Message? reply = null;
        AuditRecord? audit = null;
        var entityId = recipientId?.ToString(CultureInfo.InvariantCulture);
        var who = recipientId is null ? Mask(from) : $"Recipient #{recipientId} ({Mask(from)})";
        switch (keyword.Action)
        {
            case InboundAction.OptOut:
                inbound.Action = InboundAction.OptOut;
                inbound.Keyword = keyword.Keyword;
                if (optOut is null)
                {
                    // The confirmation is queued before the opt-out takes effect (same transaction).
                    reply = Reply(account, location ?? defaultLocation, from, recipientId, OptOutReply(account.BusinessName), now);
                    db.OptOuts.Add(new OptOut { AccountId = accountId, Phone = from, Keyword = keyword.Keyword!, OptedOutAt = now, Reason = OptOutRecorder.Truncate(intent.Rule) });
                    audit = new AuditRecord("recipient.opted_out", "Recipient", entityId,
                        intent.Kind == OptOutIntentKind.OptOut
                            ? $"{who} opted out of texts from {account.BusinessName} (a reply asking to stop texts: {intent.Rule})"
                            : $"{who} opted out of texts from {account.BusinessName} (replied {keyword.Keyword})", account.PartnerId, accountId);
                }

                break;
            case InboundAction.OptIn when optOut is not null:
                inbound.Action = InboundAction.OptIn;
                inbound.Keyword = keyword.Keyword;
                db.OptOuts.Remove(optOut);
                reply = Reply(account, location ?? defaultLocation, from, recipientId, OptInReply(account.BusinessName), now);
                audit = new AuditRecord("recipient.opted_in", "Recipient", entityId,
                    $"{who} opted back in to texts from {account.BusinessName} (replied {keyword.Keyword}; opted out with {optOut.Keyword} on " +
                    $"{optOut.OptedOutAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})", account.PartnerId, accountId);
                break;
            case InboundAction.Help:
                inbound.Action = InboundAction.Help;
                inbound.Keyword = keyword.Keyword;
                // The practice phone of the account information; else the number the practice texts from.
                var phone = PhoneNumberDisplay.Format(account.PracticePhone ?? defaultLocation?.SmsNumber?.Number ?? location?.SmsNumber?.Number);
                reply = Reply(account, location ?? defaultLocation, from, recipientId, HelpReply(account.BusinessName, phone), now);
                break;
            case InboundAction.None when intent.Kind == OptOutIntentKind.Review:
                inbound.Action = InboundAction.Review;
                break;
        }

        InboxFiled? filed = null;
        await auditLog.InTransactionAsync(db, async () =>
        {
            if (reply is not null)
            {
                db.Messages.Add(reply);
                await db.SaveChangesAsync(cancellationToken);
                inbound.ReplyMessageId = reply.Id;
            }

            db.InboundMessages.Add(inbound);
            await db.SaveChangesAsync(cancellationToken);
            if (inbound.Action == InboundAction.Review)
            {
                await reviews.RaiseAsync(db, ProviderActor, account, inbound, intent.Rule!, cancellationToken);
            }

            // The Inbox: the sender's thread, unread count, queue, message.inbound event and notification.
            filed = inbox is null ? null : await inbox.FileAsync(db, account.PartnerId, inbound, cancellationToken);
            if (audit is not null)
            {
                var cancelled = audit.Action == "recipient.opted_out"
                    ? await ScheduledTextService.CancelForNumberAsync(db, accountId, from, OptOutRecorder.CancelReason(account.BusinessName), now, cancellationToken)
                    : 0;
                auditLog.Add(db, ProviderActor, audit with
                {
                    Summary = $"{audit.Summary}; confirmation reply #{reply!.Id} queued" + (cancelled > 0 ? $"; {cancelled} scheduled texts cancelled" : ""),
                });
            }
        }, cancellationToken);
        inbox?.Announce(filed);

        return Result<InboundOutcome>.Ok(new InboundOutcome(inbound.Id, inbound.Action, inbound.Keyword, reply?.Id, Duplicate: false));
    }

    internal static Message Reply(Account account, Location? from, string to, int? recipientId, string text, DateTime now)
    {
        var counted = SegmentCalculator.Calculate(text);
        return new Message
        {
            AccountId = account.Id,
            LocationId = from?.Id,
            SenderNumber = from?.SmsNumber?.Number,
            RecipientId = recipientId,
            ToNumber = to,
            Kind = MessageKind.SmsText,
            Type = MessageType.Notification,
            Content = text,
            Encoding = counted.Encoding,
            SegmentCount = counted.Segments,
            Status = MessageStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>"+16145550123" → "+1614•••0123": audit entries never carry a whole number.</summary>
    public static string Mask(string phone) => phone.Length <= 8 ? "•••" : $"{phone[..5]}•••{phone[^4..]}";

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneShape();
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.SecureText;

/// <summary>
/// "Send new link" (seed 001: "You will need to send a new link"): a Secure Text whose link expired or locked is sent
/// again as a new Secure Text with the same content, recipient, location and notify method, through the one send
/// pipeline (so opt-out, business information and the number are checked again). The new message carries a fresh link
/// and notice; its audit entry names the message it renews. The old link stays dead.
/// </summary>
public sealed class SecureLinkRenewal(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    SendService sendService,
    TimeProvider time)
{
    public const string StillValid = "This Secure Text's link still works; a new link is needed only once it has expired or is locked.";
    public const string ContentGone = "This Secure Text's content is no longer kept (PHI Directive), so it cannot be sent again.";

    /// <summary>True when the actor may send a new link for the message now (a sent Secure Text whose link expired or locked).</summary>
    public async Task<bool> CanRenewAsync(long messageId, CancellationToken cancellationToken)
    {
        var message = await ReadAsync(messageId, cancellationToken);
        return message is not null && Refusal(message) is null;
    }

    /// <summary>Queues the new Secure Text; its id is the outcome's <see cref="SendOutcome.MessageId"/>.</summary>
    public async Task<Result<SendOutcome>> SendNewLinkAsync(long messageId, CancellationToken cancellationToken)
    {
        var message = await ReadAsync(messageId, cancellationToken);
        if (message is null)
        {
            return Error.NotFound("The message");
        }

        if (Refusal(message) is { } refusal)
        {
            return refusal;
        }

        return await sendService.SendAsync(new SendRequest
        {
            AccountId = message.AccountId,
            LocationId = message.LocationId,
            RecipientId = message.RecipientId,
            Kind = MessageKind.SecureText,
            NotifyMethod = message.NotifyMethod ?? NotifyMethod.Sms,
            Content = message.Content,
            // The content was confirmed when it was first sent.
            ConfirmedWarnings = true,
            NewLinkFor = message.Id,
        }, cancellationToken);
    }

    private Error? Refusal(Renewable message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expired = message.SentAt is { } sent && sent + SecureTextOptions.LinkLifetime <= now;
        if (message.Status == MessageStatus.Pending || !(expired || message.Locked))
        {
            return new Error(StillValid);
        }

        return message.ContentRedactedAt is not null ? new Error(ContentGone) : null;
    }

    // Only a sender of the account sees it here (Operators never read message content).
    private async Task<Renewable?> ReadAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.IsSystem && !actor.Can(PortalPolicies.SendTexts))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Accounts.VisibleTo(actor);
        return await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && m.Kind == MessageKind.SecureText && m.RecipientId != null && visible.Any(a => a.Id == m.AccountId))
            .Select(m => new Renewable(m.Id, m.AccountId, m.LocationId, m.RecipientId, m.NotifyMethod, m.Content, m.Status, m.SentAt,
                m.SecureLocked, m.ContentRedactedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private sealed record Renewable(
        long Id, int AccountId, int? LocationId, int? RecipientId, NotifyMethod? NotifyMethod, string Content, MessageStatus Status,
        DateTime? SentAt, bool Locked, DateTime? ContentRedactedAt);
}

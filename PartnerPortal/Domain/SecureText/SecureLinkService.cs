using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.SecureText;

/// <summary>
/// Secure Text links (DESIGN §4): issues the token when the notice is sent (only its hash is stored),
/// and checks the date of birth and last name on the link page: 3 failed attempts lock the link, and it
/// expires 72 hours after sending. Views and failed attempts are audited without PHI.
/// </summary>
public sealed class SecureLinkService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time,
    SecureTextOptions options,
    INoticeEmailSender emailSender,
    IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("PartnerPortal.SecureText.LinkToken");

    public const string LockedMessage =
        "This link is locked after 3 unsuccessful attempts. Please contact the practice to receive the message.";

    public const string ExpiredMessage =
        "This link has expired. Secure messages can be opened for 72 hours after they are sent; please contact the practice.";

    public const string RedactedMessage =
        "This message is no longer available. Please contact the practice if you still need it.";

    public const string NotFoundMessage = "This link is not valid. Please check that you opened the whole link.";

    /// <summary>When the link of <paramref name="message"/> stops working: 72 hours after sending (or after creation while not yet sent).</summary>
    public static DateTime ExpiresAt(Message message) =>
        message.SentAt is { } sent ? sent + SecureTextOptions.LinkLifetime
        : message.SecureLinkExpiresAt ?? message.CreatedAt + SecureTextOptions.LinkLifetime;

    /// <summary>
    /// For the dispatcher, right before it sends a Secure Text's notice: issues the link token, or for a retry the one
    /// already issued (a notice whose answer was lost may have been delivered: its link keeps working).
    /// </summary>
    public async Task<Result<SecureNotice>> IssueNoticeAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.Include(m => m.Account)
            .Where(m => m.Kind == MessageKind.SecureText)
            .Where(m => db.Accounts.VisibleTo(actor).Any(a => a.Id == m.AccountId))
            .FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return Error.NotFound("The message");
        }

        var notice = IssueWithin(message);
        await db.SaveChangesAsync(cancellationToken);
        return Result<SecureNotice>.Ok(notice);
    }

    /// <summary>
    /// Sends a Secure Text's notice by email (notify method Email) and marks the message Sent: the
    /// dispatcher's path for email notices.
    /// </summary>
    public async Task<Result<SecureNotice>> DeliverEmailNoticeAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.Include(m => m.Account)
            .Where(m => m.Kind == MessageKind.SecureText && m.NotifyMethod == NotifyMethod.Email)
            .Where(m => db.Accounts.VisibleTo(actor).Any(a => a.Id == m.AccountId))
            .FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.ToEmail is null)
        {
            return Error.NotFound("The message");
        }

        var notice = IssueWithin(message);
        // Stored before sending: if recording the send fails after the e-mail left, the retry sends this same link.
        await db.SaveChangesAsync(cancellationToken);
        await emailSender.SendAsync(new NoticeEmail(message.ToEmail, notice.EmailSubject, notice.EmailBody), cancellationToken);
        // The attempt was counted by the dispatcher's claim; the status moves with the audit entry.
        MessageLifecycle.MarkNoticeSent(message, time.GetUtcNow().UtcDateTime, SecureTextOptions.LinkLifetime);
        auditLog.Add(db, actor, new AuditRecord(
            "message.sent", "Message", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Secure Text notice #{message.Id} sent by email", message.Account.PartnerId, message.AccountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<SecureNotice>.Ok(notice);
    }

    /// <summary>
    /// Emails an already issued notice (notify method Both: the SMS carries the same link); the message's status follows
    /// its SMS. Audited; not found for other messages.
    /// </summary>
    public async Task<Result> EmailNoticeAsync(long messageId, SecureNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Kind == MessageKind.SecureText && m.NotifyMethod == NotifyMethod.Both)
            .Where(m => db.Accounts.VisibleTo(actor).Any(a => a.Id == m.AccountId))
            .Select(m => new { m.Id, m.AccountId, m.Account.PartnerId, m.ToEmail })
            .FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message?.ToEmail is null)
        {
            return Result.Fail(Error.NotFound("The message"));
        }

        await emailSender.SendAsync(new NoticeEmail(message.ToEmail, notice.EmailSubject, notice.EmailBody), cancellationToken);
        auditLog.Add(db, actor, new AuditRecord(
            "message.notice-emailed", "Message", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Secure Text notice #{message.Id} also sent by email", message.PartnerId, message.AccountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result.Ok();
    }

    /// <summary>
    /// Issues a token on a tracked message (the caller saves) and composes its notice. A message that already has a
    /// token keeps it, with its attempts and lock: only a message without one (or whose token cannot be read back) gets a new one.
    /// </summary>
    public SecureNotice IssueWithin(Message message)
    {
        if (IssuedToken(message) is { } issued)
        {
            message.SecureLinkExpiresAt = (message.SentAt ?? time.GetUtcNow().UtcDateTime) + SecureTextOptions.LinkLifetime;
            return SecureNotice.Compose(message.Id, message.Account.BusinessName, options.LinkFor(issued));
        }

        var token = SecureLinkToken.Create();
        message.SecureTokenHash = SecureLinkToken.Hash(token);
        message.SecureTokenProtected = _tokens.Protect(token);
        message.SecureFailedAttempts = 0;
        message.SecureLocked = false;
        message.SecureLinkExpiresAt = (message.SentAt ?? time.GetUtcNow().UtcDateTime) + SecureTextOptions.LinkLifetime;
        return SecureNotice.Compose(message.Id, message.Account.BusinessName, options.LinkFor(token));
    }

    /// <summary>The link's state before verification (no sign-in; the token is the only key).</summary>
    public async Task<SecureLinkInfo> GetLinkAsync(string token, CancellationToken cancellationToken)
    {
        if (!SecureLinkToken.IsWellFormed(token))
        {
            return new SecureLinkInfo(SecureLinkState.NotFound, null, 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = SecureLinkToken.Hash(token);
        var message = await db.Messages.AsNoTracking().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.SecureTokenHash == hash, cancellationToken);
        return message is null
            ? new SecureLinkInfo(SecureLinkState.NotFound, null, 0)
            : new SecureLinkInfo(StateOf(message), message.Account.BusinessName, SecureTextOptions.MaxAttempts - message.SecureFailedAttempts);
    }

    /// <summary>
    /// Checks the date of birth and last name against the recipient; a match shows the message (audited
    /// as a view), a mismatch counts an attempt (audited), and the third mismatch locks the link.
    /// </summary>
    public async Task<Result<SecureMessageView>> VerifyAsync(string token, DateOnly? dateOfBirth, string? lastName, CancellationToken cancellationToken)
    {
        if (!SecureLinkToken.IsWellFormed(token))
        {
            return new Error(NotFoundMessage, ResultCodes.NotFound);
        }

        if (dateOfBirth is null || string.IsNullOrWhiteSpace(lastName))
        {
            return Error.ForField("verification", "Enter your date of birth and your last name.");
        }

        var actor = await LinkActorAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = SecureLinkToken.Hash(token);
        var message = await db.Messages.Include(m => m.Account).Include(m => m.Recipient)
            .FirstOrDefaultAsync(m => m.SecureTokenHash == hash, cancellationToken);
        if (message is null || message.Recipient is null)
        {
            return new Error(NotFoundMessage, ResultCodes.NotFound);
        }

        switch (StateOf(message))
        {
            case SecureLinkState.Expired:
                return new Error(ExpiredMessage, ResultCodes.ValidationFailed, "link");
            case SecureLinkState.Locked:
                return new Error(LockedMessage, ResultCodes.ValidationFailed, "link");
            case SecureLinkState.Redacted:
                return new Error(RedactedMessage, ResultCodes.ValidationFailed, "link");
        }

        Result<SecureMessageView>? result = null;
        await auditLog.InTransactionAsync(db, async () =>
            result = await CountAndCompareAsync(db, actor, message, hash, dateOfBirth.Value, lastName, cancellationToken), cancellationToken);
        return result!;
    }

    /// <summary>
    /// Counts the attempt before comparing, with a conditional UPDATE that only succeeds while fewer than 3 attempts are
    /// counted: parallel guesses cannot all read the same count, and a guess that finds no attempt left is refused
    /// unseen. The row stays locked until the transaction ends; a match gives its attempt back.
    /// </summary>
    private async Task<Result<SecureMessageView>> CountAndCompareAsync(
        ApplicationDbContext db, Actor actor, Message message, string hash, DateOnly dateOfBirth, string lastName, CancellationToken cancellationToken)
    {
        var counted = await db.Messages
            .Where(m => m.Id == message.Id && m.SecureTokenHash == hash && !m.SecureLocked
                && m.SecureFailedAttempts < SecureTextOptions.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SecureFailedAttempts, m => m.SecureFailedAttempts + 1), cancellationToken);
        if (counted == 0)
        {
            return new Error(LockedMessage, ResultCodes.ValidationFailed, "link");
        }

        await db.Entry(message).ReloadAsync(cancellationToken);
        var entityId = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow().UtcDateTime;
        if (message.Recipient!.DateOfBirth == dateOfBirth && SameName(message.Recipient.LastName, lastName))
        {
            message.SecureFailedAttempts--;
            message.SecureViewedAt ??= now;
            auditLog.Add(db, actor, new AuditRecord("securetext.viewed", "Message", entityId,
                $"Secure Text #{message.Id} opened by its recipient", message.Account.PartnerId, message.AccountId));
            return Result<SecureMessageView>.Ok(new SecureMessageView(message.Account.BusinessName, message.Content, message.SentAt ?? message.CreatedAt));
        }

        message.SecureLocked = message.SecureFailedAttempts >= SecureTextOptions.MaxAttempts;
        auditLog.Add(db, actor, new AuditRecord(
            message.SecureLocked ? "securetext.locked" : "securetext.verification_failed", "Message", entityId,
            message.SecureLocked
                ? $"Secure Text #{message.Id}: verification failed {message.SecureFailedAttempts} times; the link is locked"
                : $"Secure Text #{message.Id}: verification failed (attempt {message.SecureFailedAttempts} of {SecureTextOptions.MaxAttempts})",
            message.Account.PartnerId, message.AccountId));
        if (message.SecureLocked)
        {
            return new Error(LockedMessage, ResultCodes.ValidationFailed, "link");
        }

        var left = SecureTextOptions.MaxAttempts - message.SecureFailedAttempts;
        return Error.ForField("verification",
            $"The date of birth or last name does not match. {left} {(left == 1 ? "attempt" : "attempts")} left.");
    }

    private string? IssuedToken(Message message)
    {
        if (message.SecureTokenProtected is null || message.SecureTokenHash is null)
        {
            return null;
        }

        try
        {
            var token = _tokens.Unprotect(message.SecureTokenProtected);
            return SecureLinkToken.Hash(token) == message.SecureTokenHash ? token : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private SecureLinkState StateOf(Message message) =>
        message.ContentRedactedAt is not null ? SecureLinkState.Redacted
        : message.SecureLocked ? SecureLinkState.Locked
        : time.GetUtcNow().UtcDateTime >= ExpiresAt(message) ? SecureLinkState.Expired
        : SecureLinkState.Ready;

    private static bool SameName(string? stored, string given) =>
        string.Equals(Normalize(stored), Normalize(given), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<Actor> LinkActorAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return actor.IsAuthenticated ? actor : Actor.Anonymous with { DisplayName = "Secure Text recipient", IpAddress = actor.IpAddress };
    }
}

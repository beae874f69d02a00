namespace PartnerPortal.Domain.SecureText;

/// <summary>One plain-text notice email (a Secure Text notice holds no message content).</summary>
public sealed record NoticeEmail(string To, string Subject, string Body);

/// <summary>
/// Sends notice emails. The embedded default writes <c>.eml</c> files to a folder
/// (<c>Email:PickupDirectory</c>); an SMTP server is used when <c>Email:Smtp:Host</c> is set.
/// </summary>
public interface INoticeEmailSender
{
    Task SendAsync(NoticeEmail email, CancellationToken cancellationToken);
}

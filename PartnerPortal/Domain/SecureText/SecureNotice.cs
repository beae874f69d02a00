namespace PartnerPortal.Domain.SecureText;

/// <summary>
/// The generic notice of a Secure Text: it names the practice and carries the link, never the content
/// (HIPAA). <see cref="SmsText"/> is what is texted for notify method SMS; the email parts for Email.
/// </summary>
public sealed record SecureNotice(long MessageId, string Url, string SmsText, string EmailSubject, string EmailBody)
{
    public static SecureNotice Compose(long messageId, string practiceName, string url) => new(
        messageId,
        url,
        $"{practiceName} sent you a secure message. Open it here: {url}",
        $"New secure message from {practiceName}",
        $"""
        Hello,

        {practiceName} sent you a secure message. To read it, open the link below and confirm your date of birth and last name:

        {url}

        The link works for 72 hours. If you were not expecting this message, you can ignore this email.
        """);
}

using System.Net.Mail;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Infrastructure.Email;

/// <summary>The embedded default: each notice becomes an <c>.eml</c> file in a folder, so nothing needs a mail server.</summary>
public sealed class PickupDirectoryNoticeEmailSender(string directory, string from) : INoticeEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(NoticeEmail email, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Directory,
        };
        using var message = new MailMessage(from, email.To, email.Subject, email.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

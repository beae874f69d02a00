using System.Net.Mail;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Infrastructure.Email;

/// <summary>The embedded default: each notice becomes an <c>.eml</c> file in a folder, so nothing needs a mail server.</summary>
public sealed class PickupDirectoryNoticeEmailSender(string directory, string from) : INoticeEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(NoticeEmail email, CancellationToken cancellationToken)
    {
        // The files hold live Secure Text and password-reset links: the folder is created readable by the app's user only.
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Directory,
        };
        using var message = new MailMessage(from, email.To, email.Subject, email.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

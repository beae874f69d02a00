using System.Net;
using System.Net.Mail;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Infrastructure.Email;

/// <summary>Sends notices through the SMTP server of <c>Email:Smtp</c>.</summary>
public sealed class SmtpNoticeEmailSender(SmtpSettings settings, string from) : INoticeEmailSender
{
    public async Task SendAsync(NoticeEmail email, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var message = new MailMessage(from, email.To, email.Subject, email.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

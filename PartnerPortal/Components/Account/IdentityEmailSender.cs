using System.Net;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Components.Account;

/// <summary>
/// Identity's e-mails (password reset, e-mail confirmation) through the app's own sender, the one Secure Text notices
/// use (pickup folder or SMTP, <c>Email:*</c>). Bodies are plain text, so the pages' HTML-encoded links are decoded.
/// </summary>
internal sealed class IdentityEmailSender(INoticeEmailSender sender) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your email",
            $"Please confirm your PartnerPortal e-mail address by opening this link:\r\n\r\n{WebUtility.HtmlDecode(confirmationLink)}\r\n");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your password",
            $"Someone asked to reset the password of your PartnerPortal account. To choose a new password, open this link:\r\n\r\n"
            + $"{WebUtility.HtmlDecode(resetLink)}\r\n\r\nIf you did not ask for it, ignore this e-mail: your password stays as it is.\r\n");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Reset your password", $"Your PartnerPortal password reset code: {resetCode}\r\n");

    private Task SendAsync(string email, string subject, string body) =>
        sender.SendAsync(new NoticeEmail(email, subject, body), CancellationToken.None);
}

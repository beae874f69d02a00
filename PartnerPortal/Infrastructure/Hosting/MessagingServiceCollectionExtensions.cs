using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Infrastructure.Email;

namespace PartnerPortal.Infrastructure.Hosting;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Sending (issue 5): the send pipeline, the Send dialog's reads, the address book, templates, Form
    /// Keys, Secure Text links and notice emails (<c>.eml</c> files unless <c>Email:Smtp:Host</c> is set).
    /// </summary>
    public static IServiceCollection AddPortalMessaging(this IServiceCollection services)
    {
        services.AddSingleton<IMessageStore, PartnerPortal.Data.MessageStore>();
        services.AddScoped<SendService>();
        services.AddScoped<PartnerSmsService>();
        services.AddScoped<SendContextService>();
        services.AddScoped<MessageService>();
        services.AddScoped<MissingBusinessInfoService>();
        services.AddScoped<RecipientService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<FormService>();
        services.AddScoped<SecureLinkService>();
        services.AddScoped<SecureLinkRenewal>();
        services.AddScoped<ScheduledTextService>();
        services.AddScoped<AccountTimingService>();
        services.AddSingleton(sp =>
        {
            var options = new QuietHoursOptions();
            sp.GetService<IConfiguration>()?.GetSection("QuietHours").Bind(options);
            return options;
        });
        services.AddSingleton(sp =>
        {
            var options = new SecureTextOptions();
            sp.GetService<IConfiguration>()?.GetSection("SecureText").Bind(options);
            return options;
        });
        services.AddSingleton(sp =>
        {
            var options = new EmailOptions();
            sp.GetService<IConfiguration>()?.GetSection("Email").Bind(options);
            return options;
        });
        services.AddSingleton<INoticeEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<EmailOptions>();
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                return new SmtpNoticeEmailSender(options.Smtp, options.From);
            }

            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new PickupDirectoryNoticeEmailSender(Path.GetFullPath(Path.Combine(root, options.PickupDirectory)), options.From);
        });
        return services;
    }
}

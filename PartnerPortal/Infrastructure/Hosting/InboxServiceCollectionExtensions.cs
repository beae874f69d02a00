using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Infrastructure.Webhooks;

namespace PartnerPortal.Infrastructure.Hosting;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// Two-way texting (issue 20): the Inbox, notifications (stored, and pushed live to open tabs in this process)
    /// and the message event relay (outbox → <c>message.status</c> / <c>message.inbound</c> webhook deliveries).
    /// </summary>
    public static IServiceCollection AddPortalInbox(this IServiceCollection services)
    {
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<NotificationPublisher>();
        services.AddSingleton<InboxFiling>();
        services.AddScoped<InboxService>();
        services.AddScoped<NotificationService>();
        services.AddSingleton<MessageEventRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageEventRelay>());
        return services;
    }
}

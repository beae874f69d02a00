using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Infrastructure.Hosting;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Delivery (issue 6, <c>Delivery</c> section): SMS Settings, the message dispatcher, provider callbacks and
    /// inbound keywords, the message page and opt-out lists, and the built-in simulated provider (on by default in
    /// Development). The endpoints are mapped by <see cref="DeliveryEndpoints.MapPortalDelivery"/>.
    /// </summary>
    public static IServiceCollection AddPortalDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            sp.GetService<IConfiguration>()?.GetSection(DeliveryOptions.Section).Bind(options);
            options.SimulatedProvider.Enabled ??= sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
        });
        services.AddDataProtection();
        services.AddSingleton<ProviderSecrets>();
        services.AddSingleton<InboundService>();
        services.AddSingleton<OptOutReviewQueue>();
        services.AddScoped<OptOutReviewService>();
        services.AddSingleton<ProviderCallbackService>();
        services.AddSingleton<CallbackRefusalLimiter>();
        services.AddHostedService<RefusedCallbackWriter>();
        services.AddSingleton<IProviderConnectionTester, HttpProviderConnectionTester>();
        services.AddScoped<ProviderSettingsService>();
        services.AddScoped<MessageTimelineService>();
        services.AddScoped<OptOutService>();

        // No automatic retries (the dispatcher owns them) and no client-wide timeout (each request has its own).
        // Not logged per request either: at thousands of messages a second the dispatcher's own outcomes are what matter.
        services.AddHttpClient(DeliveryHttp.ProviderClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                DeliveryHttp.CreateProviderHandler(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowPrivateAddresses))
            .RemoveAllLoggers();
        services.AddHttpClient(DeliveryHttp.SimulatedClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(DeliveryHttp.CreateSimulatedHandler)
            .RemoveAllLoggers();

        services.AddSingleton<SimulatedProviderAddress>();
        services.AddSingleton<SimulatedProvider>();
        services.AddSingleton<SimulatedProviderReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedProviderReporter>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<MessageDispatcher>(sp,
            ActivatorUtilities.CreateInstance<SecureLinkService>(sp, (ICurrentActor)new FixedCurrentActor(MessageDispatcher.SystemActor))));
        services.AddHostedService(sp => sp.GetRequiredService<MessageDispatcher>());
        return services;
    }
}

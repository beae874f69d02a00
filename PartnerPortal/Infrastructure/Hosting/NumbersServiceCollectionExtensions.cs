using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Carrier;
using PartnerPortal.Infrastructure.Numbers;
using PartnerPortal.Infrastructure.Webhooks;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>Registrations of SMS numbers, number verification and the verification webhook (issue #4).</summary>
public static class NumbersServiceCollectionExtensions
{
    /// <summary>SMS numbers, Account Verification, the simulated carrier and the auto-approver (<c>Verification</c> section).</summary>
    public static IServiceCollection AddPortalNumbers(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().Configure<IServiceProvider>((options, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(VerificationOptions.Section).Bind(options));
        services.AddSingleton<ICarrierNumberPool, SimulatedCarrierPool>();
        services.AddSingleton<VerificationDecisions>();
        services.AddScoped<SmsNumberService>();
        services.AddScoped<VerificationService>();
        services.AddSingleton<VerificationAutoApprover>();
        services.AddHostedService(sp => sp.GetRequiredService<VerificationAutoApprover>());
        return services;
    }

    /// <summary>Webhook subscriptions, the daily digest and the delivery worker (<c>Webhooks</c> section).</summary>
    public static IServiceCollection AddPortalWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().Configure<IServiceProvider>((options, sp) =>
                sp.GetService<IConfiguration>()?.GetSection(WebhookOptions.Section).Bind(options))
            .Validate(o => o.MessageEventRetention >= WebhookOptions.MinMessageEventRetention && o.MessageEventPurgeInterval > TimeSpan.Zero,
                $"{WebhookOptions.Section}:MessageEventRetention must be at least one day and MessageEventPurgeInterval more than zero.")
            .ValidateOnStart();
        services.AddDataProtection();
        services.AddSingleton<WebhookDeliverySignal>();
        services.AddSingleton<IWebhookUrlValidator, WebhookUrlValidator>();
        services.AddScoped<WebhookService>();
        // No automatic retries: the delivery worker owns retries and backoff; the 10 s timeout is per attempt.
        services.AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookHttp.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses));
        services.AddSingleton<WebhookDigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDigestJob>());
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        return services;
    }
}

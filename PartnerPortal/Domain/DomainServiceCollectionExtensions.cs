using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Home;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Reports;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Users;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Domain;

/// <summary>The Domain layer's registrations (Program.cs calls one <c>AddPortal…</c> per layer).</summary>
public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// The domain services the UI and both APIs call, and the options they read, bound from configuration and
    /// validated at start-up. What they need from outside (the actor, the e-mail sender, the carrier, the provider
    /// tester, the database) comes from <c>AddPortalData</c> and <c>AddPortalInfrastructure</c>.
    /// </summary>
    public static IServiceCollection AddPortalDomain(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Configure<IServiceProvider>((options, sp) =>
                options.SimulatedProvider.Enabled ??= sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false);
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MessageEventRetention >= WebhookOptions.MinMessageEventRetention && o.MessageEventPurgeInterval > TimeSpan.Zero,
                $"{WebhookOptions.Section}:MessageEventRetention must be at least one day and MessageEventPurgeInterval more than zero.")
            .ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QuietHoursOptions>().BindConfiguration(QuietHoursOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecureTextOptions>().BindConfiguration(SecureTextOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The send and Secure Text services (and the Account pages) take these two as plain objects.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuietHoursOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SecureTextOptions>>().Value);
        // Provider credentials and webhook secrets are encrypted with it; Data and Infrastructure say where keys live.
        services.AddDataProtection();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddScoped<AuditQueryService>();
        services.AddScoped<HomeService>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<UserAccessService>();
        services.AddScoped<ReportService>();
        services.AddScoped<PhiDirectiveService>();

        // Partners, accounts, locations and the APIs' keys.
        services.AddScoped<PartnerService>();
        services.AddScoped<PartnerOnboardingService>();
        services.AddScoped<AccountService>();
        services.AddScoped<LocationService>();
        services.AddScoped<ExternalIdResolver>();
        services.AddScoped<PracticeService>();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<SmsApiActivation>();

        // SMS numbers and Account Verification.
        services.AddScoped<NumberRequestService>();
        services.AddSingleton<VerificationDecisions>();
        services.AddScoped<SmsNumberService>();
        services.AddScoped<VerificationService>();

        // Sending: the send pipeline, the Send dialog's reads, the address book, templates, Form Keys, Secure Text.
        services.AddSingleton<IMessageStore, PartnerPortal.Data.MessageStore>();
        services.AddScoped<SendService>();
        services.AddScoped<PartnerSmsService>();
        services.AddScoped<SendContextService>();
        services.AddScoped<IntegrationMessagingService>();
        services.AddScoped<MessageService>();
        services.AddScoped<MissingBusinessInfoService>();
        services.AddScoped<RecipientService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<FormService>();
        services.AddScoped<SecureLinkService>();
        services.AddScoped<SecureLinkRenewal>();
        services.AddScoped<ScheduledTextService>();
        services.AddScoped<AccountTimingService>();

        // Delivery: SMS Settings, provider callbacks, inbound keywords, the message page and opt-outs.
        services.AddSingleton<ProviderSecrets>();
        services.AddSingleton<InboundService>();
        services.AddSingleton<OptOutReviewQueue>();
        services.AddScoped<OptOutReviewService>();
        services.AddSingleton<ProviderCallbackService>();
        services.AddScoped<ProviderSettingsService>();
        services.AddScoped<MessageTimelineService>();
        services.AddScoped<OptOutService>();

        // Two-way texting: the Inbox and notifications (stored, and pushed live to open tabs in this process).
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<NotificationPublisher>();
        services.AddSingleton<InboxFiling>();
        services.AddScoped<InboxService>();
        services.AddScoped<NotificationService>();

        services.AddSingleton<WebhookDeliverySignal>();
        services.AddScoped<WebhookService>();
        return services;
    }
}

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Carrier;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Infrastructure.Email;
using PartnerPortal.Infrastructure.Hosting;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Infrastructure.Numbers;
using PartnerPortal.Infrastructure.Privacy;
using PartnerPortal.Infrastructure.Webhooks;

namespace PartnerPortal.Infrastructure;

/// <summary>The Infrastructure layer's registrations (Program.cs calls one <c>AddPortal…</c> per layer).</summary>
public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// What talks to the outside or runs in the background: security (the key ring encrypted at rest, session time-outs,
    /// trusted proxies, required MFA), ASP.NET Core Identity and the named policies, the current actor, notice e-mail,
    /// the provider and webhook HTTP clients, the simulated carrier and provider, and the hosted workers (the
    /// auto-approver, the webhook digest and delivery, the event relay, the dispatcher, the content redaction).
    /// </summary>
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        AddSecurity(services, configuration, environment);
        AddIdentity(services);

        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INoticeEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                return new SmtpNoticeEmailSender(options.Smtp, options.From);
            }

            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new PickupDirectoryNoticeEmailSender(Path.GetFullPath(Path.Combine(root, options.PickupDirectory)), options.From);
        });

        services.AddSingleton<ICarrierNumberPool, SimulatedCarrierPool>();
        services.AddSingleton<VerificationAutoApprover>();
        services.AddHostedService(sp => sp.GetRequiredService<VerificationAutoApprover>());

        AddWebhooks(services);
        AddDelivery(services);

        services.AddSingleton<ContentRedactionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentRedactionJob>());

        if (configuration.GetValue<bool>(CircuitDiagnostics.EnabledKey))
        {
            CircuitDiagnostics.Add(services);
        }

        return services;
    }

    /// <summary>
    /// The key ring encrypted at rest (<see cref="KeyRingProtection"/>), the sign-in cookie's idle and absolute time-outs,
    /// trusted proxies and the roles that must use an authenticator. The key ring and MFA roles decide what is registered,
    /// so they are read (and refused) here, before the host is built.
    /// </summary>
    private static void AddSecurity(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPortalKeyRingProtection(configuration, environment);

        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // After Identity's own configuration (which replaces the cookie events), whatever the registration order.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider, IOptions<SessionLifetimeOptions>>((options, time, session) => SessionLifetime.Apply(options, session.Value, time));

        services.Configure<ForwardedHeadersOptions>(options => PortalSecurity.ConfigureForwardedHeaders(options, configuration));
        services.AddSingleton(RequiredMfa.FromConfiguration(configuration, environment));
    }

    /// <summary>ASP.NET Core Identity with the portal's roles, named policies and the hardening of issue #2; the current actor.</summary>
    private static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        var authorization = services.AddAuthorizationBuilder();
        foreach (var policy in PortalPolicies.All)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(PortalPolicies.RolesFor(policy)));
        }

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = true;
                // Length over composition (NIST SP 800-63B): at least 12 characters, no character-class rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalUserClaimsPrincipalFactory>();

        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddScoped<UserAccessValidator>();
        // Cookie requests re-check the security stamp as often as open circuits do (disabling a user changes it).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = UserAccessValidator.RevalidationInterval);
        services.ConfigureApplicationCookie(options => options.Events.OnSignedIn = SignInRecorder.OnSignedInAsync);

        services.AddScoped<ClientInfo>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
    }

    /// <summary>Webhook URL checks, their HTTP client, the daily digest, the delivery worker and the message event relay.</summary>
    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddSingleton<IWebhookUrlValidator, WebhookUrlValidator>();
        // No automatic retries: the delivery worker owns retries and backoff; the 10 s timeout is per attempt.
        services.AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookHttp.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses));
        services.AddSingleton<WebhookDigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDigestJob>());
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        // Outbox → message.status / message.inbound webhook deliveries.
        services.AddSingleton<MessageEventRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageEventRelay>());
    }

    /// <summary>
    /// The provider side of delivery: refused-callback limits, the connection tester, the provider HTTP clients, the
    /// built-in simulated provider (on by default in Development) and the message dispatcher. The endpoints are mapped
    /// by <see cref="DeliveryEndpoints.MapPortalDelivery"/>.
    /// </summary>
    private static void AddDelivery(IServiceCollection services)
    {
        services.AddSingleton<CallbackRefusalLimiter>();
        services.AddHostedService<RefusedCallbackWriter>();
        services.AddSingleton<IProviderConnectionTester, HttpProviderConnectionTester>();

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
    }
}

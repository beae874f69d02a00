using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using PartnerPortal.Components.Account;
using PartnerPortal.Data;
using PartnerPortal.Data.Postgres;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Home;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Infrastructure.Hosting;

public static class PortalServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=partnerportal.db";

    /// <summary>
    /// EF Core over SQLite (default) or PostgreSQL (<c>Database:Provider = Postgres</c>), connection string
    /// <c>ConnectionStrings:Portal</c>; Data Protection keys in the database. Contexts are pooled: a context is
    /// created per operation (and per batch of sends), and a fresh one costs more than the queries of a send.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Portal");
        if (DatabaseProvider.IsPostgres(configuration))
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Portal to a PostgreSQL connection string.");
            }

            PostgresApplicationDbContext.UseUtcTimestamps();
            services.AddPooledDbContextFactory<PostgresApplicationDbContext>(options =>
                PostgresApplicationDbContext.Configure((DbContextOptionsBuilder<PostgresApplicationDbContext>)options, configured));
            services.AddScoped<PostgresApplicationDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresApplicationDbContext>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(sp =>
                new DerivedDbContextFactory<PostgresApplicationDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresApplicationDbContext>>()));
            services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<PostgresApplicationDbContext>());
            services.AddSingleton(sp => new ApiContexts(sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>()));
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
            services.AddPooledDbContextFactory<ApplicationDbContext>(options => options.UsePortalSqlite(connectionString));
            services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContext());
            services.AddSingleton(sp => new ApiContexts(sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>(),
                sp.GetRequiredService<DbContextOptions<ApplicationDbContext>>(), connectionString));
        }

        services.AddDataProtection()
            .SetApplicationName("PartnerPortal")
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddTransient<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<MigrationsAppliedHealthCheck>("database");
        return services;
    }

    /// <summary>ASP.NET Core Identity with the portal's roles and the hardening of issue #2.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

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
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityEmailSender>();
        services.ConfigureApplicationCookie(options => options.Events.OnSignedIn = SignInRecorder.OnSignedInAsync);
        return services;
    }

    /// <summary>The domain services: tenancy, audit trail and each feature's service.</summary>
    public static IServiceCollection AddPortalDomain(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddScoped<ClientInfo>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<HomeService>();
        services.AddScoped<PartnerPortal.Domain.Numbers.NumberRequestService>();
        services.AddScoped<PartnerPortal.Domain.Partners.PartnerService>();
        services.AddScoped<PartnerPortal.Domain.Accounts.AccountService>();
        services.AddPortalOnboarding();
        services.AddPortalNumbers();
        services.AddPortalWebhooks();
        services.AddPortalInbox();
        services.AddPortalMessaging();
        services.AddPortalDelivery();
        services.AddScoped<PartnerPortal.Domain.Audit.AuditQueryService>();
        services.AddScoped<PartnerPortal.Domain.Users.UserAdministrationService>()
            .AddScoped<PartnerPortal.Domain.Users.UserAccessService>();
        services.AddPortalReports();
        services.AddPortalPrivacy();
        return services;
    }

    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }
}

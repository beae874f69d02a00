using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// ASP.NET Core Identity over a <see cref="TestDatabase"/>, with the app's own Identity options (password
/// length, lockout, schema), a cheap password hash, and the portal's claims factory and access validator.
/// </summary>
public static class TestIdentity
{
    // The options AddPortalInfrastructure gives the app, read from a side container so tests use the real rules.
    private static readonly Lazy<IdentityOptions> AppOptions = new(() =>
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddPortalInfrastructure(TestHost.Configuration(), TestHost.Environment)
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<IdentityOptions>>().Value;
    });

    public static IServiceCollection AddTestIdentity(this IServiceCollection services, TestDatabase database)
    {
        var app = AppOptions.Value;
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped(_ => database.CreateDbContext());
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.Password = app.Password;
                options.Lockout = app.Lockout;
                options.User = app.User;
                options.SignIn = app.SignIn;
                options.Stores = app.Stores;
                options.ClaimsIdentity = app.ClaimsIdentity;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalUserClaimsPrincipalFactory>();
        // The app hashes with 210,000 iterations; tests only need a hash that verifies.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        services.AddScoped<UserAccessValidator>();
        return services;
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public const string Password = "correct-horse-battery";

    /// <summary>A confirmed user with one role; returns its id.</summary>
    public static async Task<string> AddUserAsync(IServiceProvider services, string email, string role, int? partnerId, int? accountId = null, string? displayName = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? email,
            PartnerId = partnerId, AccountId = accountId,
        };
        var created = await users.CreateAsync(user, Password);
        created.Succeeded.Should().BeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return user.Id;
    }
}

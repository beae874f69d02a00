using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PartnerPortal.Components.Account;
using PartnerPortal.Data;

namespace PartnerPortal.Components;

/// <summary>The UI layer's registrations (Program.cs calls one <c>AddPortal…</c> per layer).</summary>
public static class UiServiceCollectionExtensions
{
    /// <summary>
    /// Interactive server components, MudBlazor, the Identity pages' services (authentication state revalidated
    /// against the user store, redirects, account e-mails) and the circuit limits (<see cref="CircuitLimits"/>).
    /// </summary>
    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityEmailSender>();

        services.AddOptions<CircuitOptions>().Configure(CircuitLimits.ApplyDefaults).BindConfiguration(CircuitLimits.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CircuitOptions>, CircuitLimits>();
        return services;
    }
}

using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Infrastructure.Hosting;

public static class OnboardingServiceCollectionExtensions
{
    /// <summary>Onboarding: the Operator's Partners, and an account's locations and queues.</summary>
    public static IServiceCollection AddPortalOnboarding(this IServiceCollection services)
    {
        services.AddScoped<PartnerOnboardingService>();
        services.AddScoped<LocationService>();
        return services;
    }
}

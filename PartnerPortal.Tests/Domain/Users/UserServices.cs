using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Users;

/// <summary>Identity and the user administration service over a test database, acting as <c>actor</c>.</summary>
internal static class UserServices
{
    public static ServiceProvider Build(TestDatabase database, TestActor actor, Action<IServiceCollection> addServiceUnderTest)
    {
        var services = new ServiceCollection();
        services.AddTestIdentity(database);
        services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(database);
        services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        services.AddSingleton<ICurrentActor>(actor);
        services.AddSingleton<AuditLog>();
        services.AddScoped<UserAdministrationService>();
        addServiceUnderTest(services);
        return services.BuildServiceProvider();
    }
}

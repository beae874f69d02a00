using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// The app's data registration (<c>AddPortalData</c>) on a SQLite file, whatever <c>PORTAL_TEST_POSTGRES</c> says, for
/// tests of what the registration itself sets up (connection settings, the API's contexts).
/// </summary>
public static class SqlitePortalData
{
    public static ServiceProvider Services(string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={databasePath}" })
            .Build();
        // The Identity schema version shapes the model, as in AddPortalInfrastructure: EF Core shares one model per context type
        // across the test host's service providers, and a second shape fails the migration checks of tests running alongside.
        return new ServiceCollection()
            .AddLogging()
            .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .AddPortalData(configuration)
            .BuildServiceProvider();
    }
}

using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>Options are bound and validated at start-up: a setting out of its range stops the host, naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Portal:Circuits:DisconnectedCircuitMaxRetained", "-1")]
    [InlineData("Portal:Circuits:DisconnectedCircuitRetentionPeriod", "00:00:00")]
    [InlineData("Api:Idempotency:ClaimExpirySeconds", "0")]
    public async Task Start_SettingOutOfRange_RefusesToStartNamingTheSetting(string key, string value)
    {
        await using var app = new PortalAppFactory();
        app.Settings[key] = value;

        var start = () => app.Services;

        start.Should().Throw<Exception>().Where(e => Flatten(e).Contains(key));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

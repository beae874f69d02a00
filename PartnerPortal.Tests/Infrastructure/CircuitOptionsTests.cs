using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Components;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure;

public sealed class CircuitOptionsTests
{
    private static CircuitOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TestHost.Environment)
            .AddPortalUi()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<CircuitOptions>>().Value;
    }

    [Fact]
    public void AddPortalUi_NothingConfigured_KeepsDisconnectedCircuitsForThreeMinutesAtMostOneHundred()
    {
        var options = Resolve();

        options.DisconnectedCircuitRetentionPeriod.Should().Be(TimeSpan.FromMinutes(3));
        options.DisconnectedCircuitMaxRetained.Should().Be(100);
    }

    [Fact]
    public void AddPortalUi_Configured_UsesTheConfiguredBounds()
    {
        var options = Resolve(("Portal:Circuits:DisconnectedCircuitRetentionPeriod", "00:00:30"),
            ("Portal:Circuits:DisconnectedCircuitMaxRetained", "20"));

        options.DisconnectedCircuitRetentionPeriod.Should().Be(TimeSpan.FromSeconds(30));
        options.DisconnectedCircuitMaxRetained.Should().Be(20);
    }

    [Theory]
    [InlineData("Portal:Circuits:DisconnectedCircuitRetentionPeriod", "00:00:00")]
    [InlineData("Portal:Circuits:DisconnectedCircuitRetentionPeriod", "1.00:00:00")]
    [InlineData("Portal:Circuits:DisconnectedCircuitMaxRetained", "-1")]
    [InlineData("Portal:Circuits:DisconnectedCircuitMaxRetained", "1000000")]
    public void AddPortalUi_OutOfBounds_FailsValidation(string key, string value)
    {
        var resolve = () => Resolve((key, value));

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Portal:Circuits");
    }
}

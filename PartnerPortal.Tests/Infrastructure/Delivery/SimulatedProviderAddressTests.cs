using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

public sealed class SimulatedProviderAddressTests
{
    private sealed class ListeningServer(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = Create(addresses);

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
            Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }

        private static FeatureCollection Create(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            var features = new FeatureCollection();
            features.Set<IServerAddressesFeature>(feature);
            return features;
        }
    }

    private static string? BaseUrl(string? configured, params string[] addresses)
    {
        var options = new DeliveryOptions();
        options.SimulatedProvider.BaseUrl = configured;
        var services = new ServiceCollection().AddSingleton<IServer>(new ListeningServer(addresses)).BuildServiceProvider();
        return new SimulatedProviderAddress(Options.Create(options), services).BaseUrl;
    }

    [Theory]
    [InlineData("http://localhost:5234", "http://localhost:5234")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost")]
    [InlineData("http://127.0.0.1:49152", "http://127.0.0.1:49152")]
    public void BaseUrl_FromTheServersAddress(string listening, string expected) => BaseUrl(null, listening).Should().Be(expected);

    [Fact]
    public void BaseUrl_HttpAndHttps_HttpsSoRedirectionNeverBouncesThePost() =>
        BaseUrl(null, "http://localhost:5234", "https://localhost:7216").Should().Be("https://localhost:7216");

    [Fact]
    public void BaseUrl_Configured_WinsOverTheServer() =>
        BaseUrl("https://portal.example/", "http://localhost:5234").Should().Be("https://portal.example");

    [Fact]
    public void BaseUrl_NoAddresses_Unknown() => BaseUrl(null).Should().BeNull();
}

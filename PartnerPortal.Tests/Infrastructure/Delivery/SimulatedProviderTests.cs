using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>
/// The built-in simulated provider: what it accepts and reports, and its report reaching the real status callback
/// endpoint (mapped by <see cref="DeliveryEndpoints"/> on a Kestrel app at 127.0.0.1) with a valid signature.
/// </summary>
public sealed class SimulatedProviderTests : IAsyncLifetime
{
    private readonly DeliveryHarness _h = new(configure: options =>
    {
        options.SimulatedProvider.Enabled = true;
        options.SimulatedProvider.DeliveryDelay = TimeSpan.FromSeconds(2);
    });

    private WebApplication _app = null!;
    private Account _account = null!;
    private SimulatedProvider _provider = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        (_, _account) = _h.AddAccount();
        _provider = new SimulatedProvider(_h.Database, _h.Clock, Options.Create(_h.Options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(_h.Callbacks).AddSingleton(_provider);
        _app = builder.Build();
        _app.MapPortalDelivery();
        await _app.StartAsync();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _h.Options.SimulatedProvider.BaseUrl = _baseUrl;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _h.Dispose();
    }

    private static string Payload(long id, string to) => new ProviderMessage("MARKETING", null, to, id.ToString(), false, "Hello", 1).ToJson();

    [Fact]
    public async Task Accept_Message_QueuesDeliveredAfterTheDelay()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var (status, _) = await _provider.AcceptAsync(Payload(id, "+16145550123"), CancellationToken.None);

        status.Should().Be(200);
        _provider.Reports.TryRead(out var report).Should().BeTrue();
        report.Should().Be(new SimulatedReport(_account.Id, id.ToString(), "DELIVERED", null, _h.Now.AddSeconds(2)));
    }

    [Fact]
    public async Task Accept_NumberEndingIn0000_ReportsFailedWithReason()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        await _provider.AcceptAsync(Payload(id, "+16145550000"), CancellationToken.None);

        _provider.Reports.TryRead(out var report).Should().BeTrue();
        report!.Status.Should().Be("FAILED");
        report.Reason.Should().Be("The handset is not reachable (simulated failure for numbers ending in 0000).");
    }

    [Fact]
    public async Task Accept_SameRetIdTwice_ReportedOnce()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        await _provider.AcceptAsync(Payload(id, "+16145550123"), CancellationToken.None);
        var (status, _) = await _provider.AcceptAsync(Payload(id, "+16145550123"), CancellationToken.None);

        status.Should().Be(200);
        _provider.Reports.TryRead(out _).Should().BeTrue();
        _provider.Reports.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Report_SignedWithTheAccountsSecret_StatusCallbackMarksDelivered()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        var options = new DeliveryOptions();
        options.SimulatedProvider.BaseUrl = _baseUrl;
        var reporter = new SimulatedProviderReporter(_provider, _h.Secrets, _h.Database, _h.HttpClients,
            new SimulatedProviderAddress(Options.Create(options), new ServiceCollection().BuildServiceProvider()), _h.Clock,
            NullLogger<SimulatedProviderReporter>.Instance);

        var status = await reporter.ReportAsync(new SimulatedReport(_account.Id, id.ToString(), "DELIVERED", null, _h.Now), CancellationToken.None);

        status.Should().Be(200);
        _h.Message(id).Status.Should().Be(MessageStatus.Delivered);
    }

    [Fact]
    public async Task ForgedRequest_RefusedAndNothingReported_TheDispatchersOwnStillReachesDelivered()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        using var http = new HttpClient();
        using var unkeyed = await http.PostAsync(_baseUrl + SimulatedProviderAddress.MessagesPath,
            new StringContent(Payload(id, "+16145550123"), System.Text.Encoding.UTF8, "application/json"));
        using var guessed = new HttpRequestMessage(HttpMethod.Post, _baseUrl + SimulatedProviderAddress.MessagesPath)
        {
            Content = new StringContent(Payload(id, "+16145550000"), System.Text.Encoding.UTF8, "application/json"),
        };
        guessed.Headers.Add(SimulatedProviderKey.HeaderName, Convert.ToBase64String(new byte[32]));
        using var wrongKey = await http.SendAsync(guessed);

        unkeyed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _provider.Reports.TryRead(out _).Should().BeFalse("a refused request changes nothing");
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);
        _h.Message(id).Status.Should().Be(MessageStatus.Sent, summary.ToString());
        _provider.Reports.TryRead(out var report).Should().BeTrue();
        var reporter = new SimulatedProviderReporter(_provider, _h.Secrets, _h.Database, _h.HttpClients,
            new SimulatedProviderAddress(Options.Create(_h.Options), new ServiceCollection().BuildServiceProvider()), _h.Clock,
            NullLogger<SimulatedProviderReporter>.Instance);
        (await reporter.ReportAsync(report!, CancellationToken.None)).Should().Be(200);

        _h.Message(id).Status.Should().Be(MessageStatus.Delivered);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Numbers;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>The app wires the verification and webhook background services and reads their configuration.</summary>
public sealed class NumbersHostingTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Verification:AutoApproveAfter"] = "00:00:20";
        _app.Settings["Webhooks:DigestTimeUtc"] = "07:30";
        _app.Settings["Webhooks:AllowPrivateAddresses"] = "false";
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Host_Started_RunsAutoApproverDigestAndDeliveryWorker()
    {
        var hosted = _app.Services.GetServices<IHostedService>().ToList();

        hosted.Should().ContainSingle(s => s is VerificationAutoApprover)
            .And.ContainSingle(s => s is WebhookDigestJob)
            .And.ContainSingle(s => s is WebhookDeliveryWorker);
        hosted.OfType<VerificationAutoApprover>().Single().Should().BeSameAs(_app.Services.GetRequiredService<VerificationAutoApprover>());
    }

    [Fact]
    public void Options_FromConfiguration_Bound()
    {
        _app.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.AutoApproveAfter.Should().Be(TimeSpan.FromSeconds(20));
        var webhooks = _app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        webhooks.DigestTimeUtc.Should().Be(new TimeSpan(7, 30, 0));
        webhooks.AllowPrivateAddresses.Should().BeFalse();
    }
}

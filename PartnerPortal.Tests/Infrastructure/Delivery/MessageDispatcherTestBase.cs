using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>
/// The dispatcher against a real https provider on 127.0.0.1 (not a mocked handler), over a SQLite file;
/// time moves only by hand and each pass is called directly.
/// </summary>
public abstract class MessageDispatcherTestBase : IAsyncLifetime
{
    protected StubProvider _provider = null!;
    protected DeliveryHarness _h = null!;
    protected Partner _partner = null!;
    protected Account _account = null!;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _h = new DeliveryHarness(_provider.Certificate, options => options.MaxAttempts = 4);
        (_partner, _account) = _h.AddAccount();
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
    }

    protected Task ConfigureAsync(string? senderName = "Riverside") => _h.ConfigureAsync(_partner, _account.Id, _provider.Url, senderName);
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.Domain.Numbers;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>
/// The webhook services over the number harness's database and clock: the real <see cref="WebhookService"/>,
/// digest job and delivery worker, whose named HttpClient uses the production handler (connect-time address
/// check) trusting only the test receiver's certificate.
/// </summary>
public sealed class WebhookHarness : IDisposable
{
    private readonly ServiceProvider _http;

    public WebhookHarness(X509Certificate2? trustedCertificate = null, bool allowPrivateAddresses = true)
    {
        var options = Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivateAddresses });
        Validator = new WebhookUrlValidator(options);
        Service = new WebhookService(Numbers.Database, Numbers.Actor, Numbers.AuditLog, Numbers.Clock, Validator, DataProtection, Signal);
        Digest = new WebhookDigestJob(Numbers.Database, Numbers.Clock, options, Signal, NullLogger<WebhookDigestJob>.Instance);

        var services = new ServiceCollection();
        services.AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = WebhookHttp.CreateHandler(allowPrivateAddresses);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    trustedCertificate is not null && certificate?.GetCertHashString() == trustedCertificate.GetCertHashString();
                return handler;
            });
        _http = services.BuildServiceProvider();
        HttpClients = _http.GetRequiredService<IHttpClientFactory>();
        Worker = new WebhookDeliveryWorker(Numbers.Database, HttpClients, DataProtection, Validator,
            Numbers.AuditLog, Numbers.Clock, options, Signal, NullLogger<WebhookDeliveryWorker>.Instance);
    }

    public NumbersHarness Numbers { get; } = new();
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();
    public WebhookDeliverySignal Signal { get; } = new();
    public WebhookUrlValidator Validator { get; }
    public WebhookService Service { get; }
    public WebhookDigestJob Digest { get; }
    public WebhookDeliveryWorker Worker { get; }
    public IHttpClientFactory HttpClients { get; }

    public DateTime Now => Numbers.Clock.GetUtcNow().UtcDateTime;

    public List<WebhookDelivery> Deliveries()
    {
        using var db = Numbers.Db();
        return db.WebhookDeliveries.OrderBy(d => d.Id).ToList();
    }

    public WebhookSubscription Subscription(int id)
    {
        using var db = Numbers.Db();
        return db.WebhookSubscriptions.Single(s => s.Id == id);
    }

    public void Dispose()
    {
        _http.Dispose();
        Numbers.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>One request the receiver got, and whether its Standard Webhooks signature verified.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string Body, bool SignatureValid, int AnsweredWith);

/// <summary>
/// A real HTTPS endpoint on 127.0.0.1 (Kestrel, port 0, a self-signed certificate): checks each request's
/// signature with <see cref="Secret"/> and answers with the queued status codes (200 when the queue is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }
    public string Url { get; private set; } = "";
    public string Secret { get; set; } = "";
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public void AnswerWith(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _answers.Enqueue(code);
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, certificate);
        app.MapPost("/hooks/portal", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"https://127.0.0.1:{new Uri(address).Port}/hooks/portal";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers[WebhookSignature.IdHeader].ToString();
        var timestamp = long.TryParse(request.Headers[WebhookSignature.TimestampHeader].ToString(), out var t) ? t : 0;
        var signature = request.Headers[WebhookSignature.SignatureHeader].ToString();
        var valid = !string.IsNullOrEmpty(Secret) && WebhookSignature.Verify(Secret, id, timestamp, body, signature);
        var answer = !valid ? 401 : _answers.TryDequeue(out var queued) ? queued : 200;
        Received.Enqueue(new ReceivedWebhook(id, timestamp, body, valid, answer));
        return Results.StatusCode(answer);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>One request the stub provider got, and how it answered (0: the connection was dropped).</summary>
public sealed record ProviderRequest(string RetId, ProviderMessage Payload, string Body, string? Authorization, int AnsweredWith);

/// <summary>
/// A real SMS provider endpoint on 127.0.0.1 (Kestrel, port 0, https with a self-signed certificate) that
/// records every request keyed by <c>retId</c>. It answers with the queued status codes (200 when none are
/// queued), or drops the connection while <see cref="Down"/>; <see cref="OnRequest"/> runs before each answer.
/// </summary>
public sealed class StubProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Code, string? Body)> _answers = new();
    private int _requests;

    private StubProvider(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }
    public string Url { get; private set; } = "";
    public ConcurrentQueue<ProviderRequest> Received { get; } = new();

    /// <summary>While true every request's connection is dropped (the provider is down).</summary>
    public bool Down { get; set; }

    /// <summary>Called with the request's number (1-based) and payload before it is answered.</summary>
    public Func<int, ProviderMessage, Task>? OnRequest { get; set; }

    public void AnswerWith(int code, string? body = null) => _answers.Enqueue((code, body));

    /// <summary>When set, an answer's body goes on after its text with padding until the client stops reading (a minute at most).</summary>
    public bool EndlessBodies { get; set; }

    /// <summary>Requests per retId that the stub accepted (2xx).</summary>
    public Dictionary<string, int> Accepted() => Received.Where(r => r.AnsweredWith is >= 200 and < 300)
        .GroupBy(r => r.RetId).ToDictionary(g => g.Key, g => g.Count());

    public static async Task<StubProvider> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var stub = new StubProvider(app, certificate);
        app.MapPost("/sms", stub.HandleAsync);
        app.MapGet("/sms", () => Results.StatusCode(405));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Url = $"https://127.0.0.1:{new Uri(address).Port}/sms";
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var payload = JsonSerializer.Deserialize<ProviderMessage>(body, ProviderMessage.Json)!;
        var number = Interlocked.Increment(ref _requests);
        if (OnRequest is { } hook)
        {
            await hook(number, payload);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (Down)
        {
            Received.Enqueue(new ProviderRequest(payload.RetId, payload, body, authorization, 0));
            context.Abort();
            return;
        }

        var (code, answer) = _answers.TryDequeue(out var queued) ? queued : (200, null);
        Received.Enqueue(new ProviderRequest(payload.RetId, payload, body, authorization.Length == 0 ? null : authorization, code));
        context.Response.StatusCode = code;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
            if (EndlessBodies)
            {
                var padding = new byte[64 * 1024];
                Array.Fill(padding, (byte)' ');
                // Slowly (64 KB every 10 ms), so a client that reads it all waits for its timeout instead of filling memory.
                for (var i = 0; i < 6000 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    try
                    {
                        await context.Response.Body.WriteAsync(padding, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(10, context.RequestAborted);
                    }
                    catch (Exception exception) when (exception is OperationCanceledException or IOException)
                    {
                        return;
                    }
                }
            }
        }
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

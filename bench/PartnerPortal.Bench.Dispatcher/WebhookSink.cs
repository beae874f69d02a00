using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Bench.Dispatcher;

/// <summary>
/// A loopback <c>message.status</c> subscriber (Kestrel, http on 127.0.0.1) that checks each signature and counts each
/// webhook-id and each (message, status) it received.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookSink(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, int> EventIds { get; } = new();
    public ConcurrentDictionary<string, int> MessageStatuses { get; } = new();
    public int BadSignatures;
    public string Url { get; private set; } = "";
    public string Secret { get; set; } = "";

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var id = request.Headers[WebhookSignature.IdHeader].ToString();
            var timestamp = long.Parse(request.Headers[WebhookSignature.TimestampHeader].ToString());
            if (!WebhookSignature.Verify(sink.Secret, id, timestamp, body, request.Headers[WebhookSignature.SignatureHeader].ToString()))
            {
                Interlocked.Increment(ref sink.BadSignatures);
                return Results.StatusCode(401);
            }

            using var json = JsonDocument.Parse(body);
            var data = json.RootElement.GetProperty("data");
            sink.EventIds.AddOrUpdate(id, 1, (_, count) => count + 1);
            var key = $"{data.GetProperty("messageId").GetString()}/{data.GetProperty("status").GetString()}";
            sink.MessageStatuses.AddOrUpdate(key, 1, (_, count) => count + 1);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = $"http://127.0.0.1:{new Uri(address).Port}/hooks";
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The loopback sink is plain http: the bench measures the outbox and the dispatcher, not TLS.</summary>
public sealed class AnyUrl : IWebhookUrlValidator
{
    public Task<Result> ValidateAsync(string? url, CancellationToken cancellationToken) => Task.FromResult(Result.Ok());
}

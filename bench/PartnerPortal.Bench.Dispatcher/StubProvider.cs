using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PartnerPortal.Bench.Dispatcher;

/// <summary>A loopback SMS provider (Kestrel, http on 127.0.0.1) answering 200 after a fixed latency and counting each retId.</summary>
public sealed class StubProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubProvider(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, int> Received { get; } = new();
    public string Url { get; private set; } = "";

    public static async Task<StubProvider> StartAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new StubProvider(app);
        app.MapPost("/sms", async (HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var retId = json.RootElement.GetProperty("retId").GetString()!;
            stub.Received.AddOrUpdate(retId, 1, (_, count) => count + 1);
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency);
            }

            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Url = $"http://127.0.0.1:{new Uri(address).Port}/sms";
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

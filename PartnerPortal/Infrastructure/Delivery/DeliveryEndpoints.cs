using System.Text;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The provider-facing endpoints (anonymous; authenticated by their HMAC signature): the status callback
/// <c>POST /provider/callbacks/status</c>, inbound texts <c>POST /provider/inbound</c>; and the built-in
/// simulated provider <c>POST /simulated-provider/messages</c> (404 when it is off; 401 for anything but this app's own
/// dispatcher, see <see cref="SimulatedProviderKey"/>).
/// </summary>
public static class DeliveryEndpoints
{
    public static IEndpointRouteBuilder MapPortalDelivery(this IEndpointRouteBuilder app)
    {
        var provider = app.MapGroup("/provider").AllowAnonymous().DisableAntiforgery();
        provider.MapPost("/callbacks/status", (HttpRequest request, ProviderCallbackService callbacks, CancellationToken cancellationToken) =>
            HandleAsync(request, async body => Answer(await callbacks.HandleStatusAsync(Callback(request, body), cancellationToken),
                applied => new { retId = applied.RetId, status = applied.Status.ToString(), applied = applied.Applied }), cancellationToken));
        provider.MapPost("/inbound", (HttpRequest request, ProviderCallbackService callbacks, CancellationToken cancellationToken) =>
            HandleAsync(request, async body => Answer(await callbacks.HandleInboundAsync(Callback(request, body), cancellationToken),
                taken => new
                {
                    id = taken.Id,
                    action = taken.Outcome.Action.ToString(),
                    keyword = taken.Outcome.Keyword,
                    replyMessageId = taken.Outcome.ReplyMessageId,
                    duplicate = taken.Outcome.Duplicate,
                }), cancellationToken));

        var simulated = app.MapGroup("/simulated-provider").AllowAnonymous().DisableAntiforgery();
        simulated.MapPost("/messages", async (HttpRequest request, SimulatedProvider simulatedProvider, CancellationToken cancellationToken) =>
        {
            if (!simulatedProvider.Enabled)
            {
                return Results.NotFound();
            }

            if (!SimulatedProviderKey.Matches(request.Headers[SimulatedProviderKey.HeaderName].ToString()))
            {
                return Results.Json(new { error = "Only this app's own dispatcher may send to the simulated provider." },
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            var body = await ReadBodyAsync(request, cancellationToken);
            if (body is null)
            {
                return TooLarge();
            }

            var (statusCode, answer) = await simulatedProvider.AcceptAsync(body, cancellationToken);
            return Results.Json(answer, statusCode: statusCode);
        });
        simulated.MapGet("/messages", (SimulatedProvider simulatedProvider) => simulatedProvider.Enabled
            ? Results.Json(new { provider = "PartnerPortal simulated SMS provider", status = "ok" })
            : Results.NotFound());
        return app;
    }

    /// <summary>A provider callback: refused at once (429) while its address is over its refusals, else read, handled and counted.</summary>
    private static async Task<IResult> HandleAsync(HttpRequest request, Func<string, Task<(int StatusCode, object Body)>> handle, CancellationToken cancellationToken)
    {
        // Optional: a host that maps these endpoints without the delivery services (a test's slim host) has no limit.
        var limiter = request.HttpContext.RequestServices.GetService<CallbackRefusalLimiter>();
        if (limiter?.IsLimited(request.HttpContext) == true)
        {
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return Results.Json(new { error = "Too many refused requests from this address; retry later." }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            limiter?.Refused(request.HttpContext);
            return TooLarge();
        }

        var (statusCode, answer) = await handle(body);
        if (statusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status404NotFound)
        {
            limiter?.Refused(request.HttpContext);
        }

        return Results.Json(answer, statusCode: statusCode);
    }

    private static ProviderCallbackRequest Callback(HttpRequest request, string body) => new(
        request.Headers[CallbackSignature.AccountHeader].ToString(),
        request.Headers[CallbackSignature.TimestampHeader].ToString(),
        request.Headers[CallbackSignature.SignatureHeader].ToString(),
        body);

    /// <summary>The provider's answer: 200 with the body, or the refusal's status code with <c>{ error }</c>.</summary>
    private static (int StatusCode, object Body) Answer<T>(Result<T> result, Func<T, object> body) => result.Succeeded
        ? (StatusCodes.Status200OK, body(result.Value!))
        : (result.FirstError!.Code switch
        {
            ResultCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            ResultCodes.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        }, new { error = result.FirstError.Message });

    private static IResult TooLarge() => Results.Json(new { error = "The body is too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The raw body (the signature covers its exact text), or null when it is over the limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ProviderCallbackService.MaxBodyLength)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[ProviderCallbackService.MaxBodyLength + 1];
        var builder = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > ProviderCallbackService.MaxBodyLength)
            {
                return null;
            }
        }

        return builder.ToString();
    }
}

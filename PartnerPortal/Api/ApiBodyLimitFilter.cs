using PartnerPortal.Domain.Common;

namespace PartnerPortal.Api;

/// <summary>
/// The API body limit (<see cref="ApiRequest.MaxBodyBytes"/>) for every request on the API routes, also when the
/// body is chunked (no <c>Content-Length</c>): the body is read into a buffer that stops one byte past the limit,
/// before the idempotency filter hashes it and before the endpoint parses it. Over the limit → 4000.
/// </summary>
public sealed class ApiBodyLimitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.ContentLength == 0)
        {
            return await next(context);
        }

        if (request.ContentLength > ApiRequest.MaxBodyBytes || !await FitsAsync(request))
        {
            return ApiResults.Failure(request.Path, TooLarge);
        }

        return await next(context);
    }

    private static Error TooLarge => Error.ForField("body", $"The request body must be at most {ApiRequest.MaxBodyBytes / 1024} KB.");

    private static async Task<bool> FitsAsync(HttpRequest request)
    {
        // Buffered in memory up to the limit (the default threshold is 30 KB, then a temporary file): nothing past it is read.
        request.EnableBuffering(bufferThreshold: (int)ApiRequest.MaxBodyBytes + 1, bufferLimit: ApiRequest.MaxBodyBytes + 1);
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                total += read;
                if (total > ApiRequest.MaxBodyBytes)
                {
                    return false;
                }
            }
        }
        catch (IOException)
        {
            // The buffer limit was reached (FileBufferingReadStream refuses to read past it), or the server's own
            // limit was (BadHttpRequestException is an IOException).
            return false;
        }

        request.Body.Position = 0;
        return true;
    }
}

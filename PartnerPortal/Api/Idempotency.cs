using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Api;

/// <summary>
/// <see cref="Domain.Common.Idempotency"/> on every API POST, per API key: the same key and body within
/// <see cref="Domain.Common.Idempotency.Retention"/> returns the first answer without running the request again (also
/// when both arrive at once); the same key with another body → 4090. One request per key runs at a time in this process; a row claimed first in the database keeps other
/// instances from running it too. A claim that never got its answer (the process died, or its last write failed)
/// expires after <see cref="IdempotencyOptions.ClaimExpirySeconds"/>, and a retry then takes it over and runs.
/// </summary>
public sealed class IdempotencyFilter(IDbContextFactory<ApplicationDbContext> dbFactory, TimeProvider time, IOptions<IdempotencyOptions> options)
    : IEndpointFilter
{
    public const string HeaderName = Domain.Common.Idempotency.HeaderName;
    // Striped gates: a bounded set of locks, one chosen by the key's hash.
    private static readonly SemaphoreSlim[] Gates = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = Domain.Common.Idempotency.Normalize(http.Request.Headers[HeaderName].ToString());
        if (!HttpMethods.IsPost(http.Request.Method) || key is null)
        {
            return await next(context);
        }

        var path = http.Request.Path;
        if (key.Length > Domain.Common.Idempotency.MaxKeyLength)
        {
            return ApiResults.Failure(path, Domain.Common.Idempotency.TooLong);
        }

        var keyId = ApiKeyIdOf(http);
        if (keyId is null)
        {
            return await next(context);
        }

        var requestHash = await HashRequestAsync(http.Request);
        var gate = Gates[(int)((uint)StringComparer.Ordinal.GetHashCode($"{keyId}:{key}") % (uint)Gates.Length)];
        await gate.WaitAsync(http.RequestAborted);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
            var now = time.GetUtcNow().UtcDateTime;
            var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.ApiKeyId == keyId && r.Key == key, http.RequestAborted);
            if (existing is not null && now - existing.CreatedAt > Domain.Common.Idempotency.Retention)
            {
                db.IdempotencyRecords.Remove(existing);
                await db.SaveChangesAsync(http.RequestAborted);
                existing = null;
            }

            IdempotencyRecord record;
            if (existing is not null && existing.StatusCode is null && now - existing.CreatedAt >= options.Value.ClaimExpiry)
            {
                // The request that claimed the key never answered: take the claim over (only one taker wins it).
                var taken = await db.IdempotencyRecords
                    .Where(r => r.Id == existing.Id && r.StatusCode == null && r.CreatedAt == existing.CreatedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now).SetProperty(r => r.RequestHash, requestHash), http.RequestAborted);
                if (taken == 0)
                {
                    return StillProcessing(path);
                }

                record = existing;
                record.CreatedAt = now;
            }
            else if (existing is not null)
            {
                if (existing.RequestHash != requestHash)
                {
                    return ApiResults.Failure(path, Domain.Common.Idempotency.Conflict);
                }

                if (existing.StatusCode is { } status)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return new ApiResult(status, existing.ResponseBody ?? "", existing.ContentType ?? "application/json");
                }

                return StillProcessing(path);
            }
            else
            {
                record = new IdempotencyRecord { ApiKeyId = keyId.Value, Key = key, RequestHash = requestHash, CreatedAt = now };
                db.IdempotencyRecords.Add(record);
                try
                {
                    await db.SaveChangesAsync(http.RequestAborted);
                }
                catch (DbUpdateException)
                {
                    // Another instance claimed the key a moment ago.
                    return StillProcessing(path);
                }
            }

            // The claim is ours while its time is unchanged: a request that outlived its claim does not overwrite the taker's answer.
            var claimedAt = record.CreatedAt;
            var mine = db.IdempotencyRecords.Where(r => r.Id == record.Id && r.CreatedAt == claimedAt && r.StatusCode == null);
            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                await mine.ExecuteDeleteAsync(CancellationToken.None);
                throw;
            }

            if (result is ApiResult api && api.StatusCode < 500 && api.StatusCode != StatusCodes.Status429TooManyRequests)
            {
                var body = api.Serialize();
                await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, api.StatusCode)
                    .SetProperty(r => r.ResponseBody, body)
                    .SetProperty(r => r.ContentType, api.ContentType), CancellationToken.None);
            }
            else
            {
                await mine.ExecuteDeleteAsync(CancellationToken.None);
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private static ApiResult StillProcessing(PathString path) =>
        ApiResults.Failure(path, Domain.Common.Idempotency.StillProcessing);

    private static int? ApiKeyIdOf(HttpContext http)
    {
        var value = http.User.FindFirst(PortalClaims.ApiKeyId)?.Value;
        return value is not null && int.TryParse(value.AsSpan("apikey:".Length), out var id) ? id : null;
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var sha = Domain.Common.Idempotency.NewFingerprint();
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Path.Value ?? ""));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Domain.Common.Idempotency.Finish(sha);
    }
}

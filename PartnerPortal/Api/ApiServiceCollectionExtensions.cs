using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Api;

/// <summary>The Api layer's registrations (Program.cs calls one <c>AddPortal…</c> per layer).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The public APIs (DESIGN §6) over the domain services: API-key authentication and the two API policies, public
    /// ids, idempotency (<c>Api:Idempotency</c>), the body limit, per-key rate limits (<c>Api:RateLimit</c>) and OpenAPI.
    /// </summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicIds>();
        services.AddScoped<IdempotencyFilter>();
        services.AddSingleton<ApiBodyLimitFilter>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiEndpoints.PartnerApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(PortalRoles.PartnerApi))
            .AddPolicy(ApiEndpoints.IntegrationApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(PortalRoles.IntegrationApi));

        // The middleware's services; the policy below takes its bucket from the bound options.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((options, limits) =>
        {
            var permitsPerSecond = limits.Value.PermitsPerSecond;
            var burst = limits.Value.Burst;
            // One bucket per presented key: a noisy key empties only its own bucket.
            options.AddPolicy(ApiEndpoints.RateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                ApiEndpoints.PartitionKeyOf(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ApiResults.Failure(context.HttpContext.Request.Path,
                        new Error($"Rate limit exceeded for this API key; retry after {retryAfter} s.", ResultCodes.RateLimited))
                    .ExecuteAsync(context.HttpContext);
            };
        });
        services.AddOpenApi();
        return services;
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;
using Scalar.AspNetCore;

namespace PartnerPortal.Api;

/// <summary>The public APIs (DESIGN §6): API-key authentication, rate limits, idempotency, OpenAPI.</summary>
public static class ApiEndpoints
{
    public const string PartnerApiPolicy = "PartnerApi";
    public const string IntegrationApiPolicy = "IntegrationApi";
    public const string RateLimitPolicy = "PerApiKey";

    public static IServiceCollection AddPortalApis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<PublicIds>();
        services.AddScoped<SmsApiActivation>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<IdempotencyFilter>();
        services.AddSingleton<ApiBodyLimitFilter>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PartnerPortal.Domain.Accounts.ExternalIdResolver>();
        services.AddScoped<PartnerPortal.Domain.Accounts.PracticeService>();
        services.AddScoped<PartnerPortal.Domain.Messaging.IntegrationMessagingService>();
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PartnerApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(PortalRoles.PartnerApi))
            .AddPolicy(IntegrationApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(PortalRoles.IntegrationApi));

        var permitsPerSecond = configuration.GetValue("Api:RateLimit:PermitsPerSecond", 50);
        var burst = configuration.GetValue("Api:RateLimit:Burst", 100);
        services.AddRateLimiter(options =>
        {
            // One bucket per presented key: a noisy key empties only its own bucket.
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                PartitionKeyOf(http),
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

    public static WebApplication MapPortalApis(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", options => options.WithTitle("PartnerPortal APIs"));

        var partner = app.MapGroup(ApiResults.PartnerApiPrefix)
            .RequireAuthorization(PartnerApiPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<ApiBodyLimitFilter>()
            .AddEndpointFilter<ApiActorFilter>()
            .AddEndpointFilter<IdempotencyFilter>()
            .DisableAntiforgery()
            .WithTags("Partner API");
        var integration = app.MapGroup("/api/v1/integration")
            .RequireAuthorization(IntegrationApiPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<ApiBodyLimitFilter>()
            .AddEndpointFilter<ApiActorFilter>()
            .AddEndpointFilter<IdempotencyFilter>()
            .DisableAntiforgery()
            .WithTags("Integration API");

        PartnerApiEndpoints.Map(partner);
        IntegrationApiEndpoints.Map(integration);
        // An unknown route under /api is an API answer (problem details, 4040), not the portal's HTML "not found" page.
        app.MapFallback("/api/{**path}", (HttpContext http) => ApiResults.Problem(
                [new Error($"No API endpoint matches {http.Request.Method} {http.Request.Path}.", ResultCodes.NotFound)]))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The authenticated key's id (the rate limiter runs after authorization, which authenticated the API key): the
    /// header's spelling (<c>bearer</c>, <c>BEARER</c>, extra spaces) cannot make a new bucket. Requests without a
    /// key never get this far (authorization answers 4010 first); the remote address is only a fallback.
    /// </summary>
    internal static string PartitionKeyOf(HttpContext http) =>
        http.User.FindFirst(PortalClaims.ApiKeyId)?.Value is { } keyId ? keyId : $"anonymous:{http.Connection.RemoteIpAddress}";
}

/// <summary>Makes the API key the actor of the request's domain calls.</summary>
public sealed class ApiActorFilter(CurrentActor currentActor) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        currentActor.Set(ActorFactory.FromPrincipal(http.User, http.Connection.RemoteIpAddress?.ToString()));
        return next(context);
    }
}

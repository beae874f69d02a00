using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;
using Scalar.AspNetCore;

namespace PartnerPortal.Api;

/// <summary>The public APIs (DESIGN §6): their routes, filters and policies; registered by <see cref="ApiServiceCollectionExtensions.AddPortalApi"/>.</summary>
public static class ApiEndpoints
{
    public const string PartnerApiPolicy = "PartnerApi";
    public const string IntegrationApiPolicy = "IntegrationApi";
    public const string RateLimitPolicy = "PerApiKey";

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

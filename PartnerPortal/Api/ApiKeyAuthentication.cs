using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Api;

/// <summary><c>Authorization: Bearer &lt;api key&gt;</c>; missing, unknown or revoked keys answer 4010.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await apiKeys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(PortalClaims.ApiKeyId, $"apikey:{key.Id}"),
            new(PortalClaims.DisplayName, $"API key '{key.Name}'"),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Scope == ApiKeyScope.Partner ? PortalRoles.PartnerApi : PortalRoles.IntegrationApi),
            new(PortalClaims.PartnerId, key.PartnerId.ToString(CultureInfo.InvariantCulture)),
        };
        if (key.AccountId is { } accountId)
        {
            claims.Add(new Claim(PortalClaims.AccountId, accountId.ToString(CultureInfo.InvariantCulture)));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiResults.Failure(Request.Path, new Error("Missing, unknown or revoked API key.", ResultCodes.Unauthenticated))
            .ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        // A valid key of the other API lacks the right (DESIGN §6: 4030, HTTP 403).
        ApiResults.Failure(Request.Path, new Error("This API key cannot be used for this API.", ResultCodes.Forbidden))
            .ExecuteAsync(Context);
}

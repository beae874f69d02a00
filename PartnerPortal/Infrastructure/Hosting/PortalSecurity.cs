using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>
/// The deployment-facing security middleware and settings: trusted proxies (<c>ForwardedHeaders</c>), the roles that must
/// use an authenticator, and the sign-in cookie's time-outs (<c>Authentication:Session</c>). Registered by
/// <see cref="InfrastructureServiceCollectionExtensions.AddPortalInfrastructure"/>.
/// </summary>
public static class PortalSecurity
{
    /// <summary>Forwarded headers first (client address and scheme from trusted proxies only).</summary>
    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>After authentication and before authorization, so no page answers before the authenticator is set up.</summary>
    public static WebApplication UsePortalRequiredMfa(this WebApplication app)
    {
        app.UseMiddleware<RequiredMfa.Middleware>();
        return app;
    }

    /// <summary>
    /// <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), comma-separated or
    /// as arrays; loopback is always trusted. Headers from any other address are ignored, so a client cannot choose the IP
    /// written to the audit log.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.ForwardLimit = configuration.GetValue<int?>("ForwardedHeaders:ForwardLimit") ?? 1;
        var proxies = Values(configuration, "ForwardedHeaders:KnownProxies").Select(IPAddress.Parse).ToList();
        var networks = Values(configuration, "ForwardedHeaders:KnownNetworks").Select(System.Net.IPNetwork.Parse).ToList();
        proxies.ForEach(options.KnownProxies.Add);
        networks.ForEach(options.KnownIPNetworks.Add);
        if (proxies.Count > 0 || networks.Count > 0)
        {
            // Only then does X-Forwarded-Host matter; without a known proxy nobody may set it.
            options.AllowedHosts = Values(configuration, "ForwardedHeaders:AllowedHosts").ToList();
        }
        else
        {
            options.ForwardedHeaders &= ~ForwardedHeaders.XForwardedHost;
        }
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (section.Value is { } single)
        {
            items.AddRange(single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return items.Where(v => v.Length > 0);
    }
}

/// <summary><c>Authentication:Session</c>: how long a sign-in lasts without activity, and at most.</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Authentication:Session";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// The sign-in cookie expires after <see cref="SessionLifetimeOptions.IdleTimeout"/> without a request (sliding) and, however
/// active, <see cref="SessionLifetimeOptions.AbsoluteTimeout"/> after the password was entered: the sign-in time is kept in
/// the cookie's protected properties and survives sliding renewals and security-stamp refreshes.
/// </summary>
public static class SessionLifetime
{
    public const string SignedInAtKey = ".portal.signedInAt";

    public static void Apply(CookieAuthenticationOptions options, SessionLifetimeOptions session, TimeProvider time)
    {
        options.TimeProvider = time;
        options.ExpireTimeSpan = session.IdleTimeout;
        options.SlidingExpiration = true;

        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = context =>
        {
            if (context.Properties.GetString(SignedInAtKey) is null)
            {
                context.Properties.SetString(SignedInAtKey, time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return signingIn(context);
        };

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var signedInAt = long.TryParse(context.Properties.GetString(SignedInAtKey), System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : (DateTimeOffset?)null;
            if (signedInAt is null || time.GetUtcNow() - signedInAt.Value >= session.AbsoluteTimeout)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validate(context);
        };
    }
}

using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>
/// Roles whose users must sign in with an authenticator (<c>Authentication:RequireMfaForRoles</c>, comma-separated; by
/// default Operator outside Development, none in Development; an empty value turns it off). A signed-in user of such a
/// role without one is sent to set it up before anything else.
/// </summary>
public sealed class RequiredMfa(IReadOnlyList<string> roles)
{
    public const string SetupPath = "/Account/Manage/EnableAuthenticator";

    private static readonly string[] OpenPaths = [SetupPath, "/Account/Logout", "/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/_framework", "/_content", "/healthz"];

    public IReadOnlyList<string> Roles { get; } = roles;

    public static RequiredMfa FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Authentication:RequireMfaForRoles"];
        string[] roles = configured is null
            ? environment.IsDevelopment() ? [] : [PortalRoles.Operator]
            : configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = roles.Except(PortalRoles.All).ToList();
        return unknown.Count > 0
            ? throw new InvalidOperationException($"Authentication:RequireMfaForRoles: unknown role {string.Join(", ", unknown)} (roles: {string.Join(", ", PortalRoles.All)}).")
            : new RequiredMfa(roles);
    }

    internal sealed class Middleware(RequestDelegate next, RequiredMfa required)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (required.Roles.Count > 0
                && context.User.Identity?.IsAuthenticated == true
                && required.Roles.Any(context.User.IsInRole)
                && !context.User.HasClaim("amr", "mfa")
                && !IsOpen(context.Request.Path)
                && !await HasAuthenticatorAsync(context))
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next(context);
        }

        private static bool IsOpen(PathString path) =>
            Path.HasExtension(path.Value) || OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase));

        private static async Task<bool> HasAuthenticatorAsync(HttpContext context)
        {
            var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.GetUserAsync(context.User);
            return user is null || await users.GetTwoFactorEnabledAsync(user);
        }
    }
}

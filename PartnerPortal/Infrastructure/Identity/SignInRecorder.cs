using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>Records <see cref="ApplicationUser.LastSignInAt"/> when the application cookie is issued (password or passkey sign-in).</summary>
public static class SignInRecorder
{
    public static async Task OnSignedInAsync(CookieSignedInContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>()
            .CreateDbContextAsync(context.HttpContext.RequestAborted);
        // A set-based update: it leaves the concurrency and security stamps alone.
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now), context.HttpContext.RequestAborted);
    }
}

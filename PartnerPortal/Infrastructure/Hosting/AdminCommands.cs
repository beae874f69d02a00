using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>
/// Command-line verbs for a new installation (no demo data outside Development):
/// <c>create-partner --slug S --name N</c> and
/// <c>create-user --email E --role R [--partner S] [--account A] [--name N]</c> (password from the
/// <c>PORTAL_NEW_USER_PASSWORD</c> environment variable only: a command-line argument would be visible to every
/// local user in the process list and kept in shell history).
/// </summary>
public static class AdminCommands
{
    public static readonly string[] Verbs = ["create-partner", "create-user"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var options = ParseOptions(args.Skip(1).ToArray());
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemoData: false, CancellationToken.None);
        return args[0] switch
        {
            "create-partner" => await CreatePartnerAsync(provider, options, output),
            _ => await CreateUserAsync(provider, options, output),
        };
    }

    private static async Task<int> CreatePartnerAsync(IServiceProvider provider, IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        if (!options.TryGetValue("slug", out var slug) || !options.TryGetValue("name", out var name))
        {
            await output.WriteLineAsync("Usage: create-partner --slug <slug> --name <display name>");
            return 2;
        }

        var dbFactory = provider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Partners.AnyAsync(p => p.Slug == slug))
        {
            await output.WriteLineAsync($"A partner with slug '{slug}' already exists.");
            return 1;
        }

        var partner = new Partner { Slug = slug, DisplayName = name, BusinessDetails = new PartnerBusinessDetails { Name = name } };
        db.Partners.Add(partner);
        var auditLog = provider.GetRequiredService<AuditLog>();
        auditLog.Add(db, Actor.System("Command line"), new AuditRecord("partner.created", "Partner", slug, $"Partner {name} created"));
        await auditLog.SaveChangesAsync(db, CancellationToken.None);
        await output.WriteLineAsync($"Partner '{slug}' created.");
        return 0;
    }

    private static async Task<int> CreateUserAsync(IServiceProvider provider, IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        if (options.ContainsKey("password"))
        {
            await output.WriteLineAsync("--password is not accepted (it would show in the process list and shell history): set PORTAL_NEW_USER_PASSWORD instead.");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("role", out var role) || string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"Usage: {PasswordVariable}=<password> create-user --email <email> --role <PartnerAdmin|SupportAgent|PracticeStaff|Operator> [--partner <slug>] [--account <accountId>] [--name <display name>]");
            return 2;
        }

        if (!PortalRoles.All.Contains(role))
        {
            await output.WriteLineAsync($"Role must be one of: {string.Join(", ", PortalRoles.All)}.");
            return 2;
        }

        // The context Identity's stores write through: the user, its role and the audit entry commit together or not at all.
        var db = provider.GetRequiredService<ApplicationDbContext>();
        int? partnerId = null;
        int? accountId = null;
        if (role != PortalRoles.Operator)
        {
            var partner = options.TryGetValue("partner", out var slug)
                ? await db.Partners.FirstOrDefaultAsync(p => p.Slug == slug)
                : null;
            if (partner is null)
            {
                await output.WriteLineAsync($"{role} needs --partner with the slug of an existing partner.");
                return 2;
            }

            partnerId = partner.Id;
            if (role == PortalRoles.PracticeStaff)
            {
                var externalId = options.GetValueOrDefault("account");
                accountId = await db.Accounts.Where(a => a.PartnerId == partner.Id && a.ExternalId == externalId)
                    .Select(a => (int?)a.Id).FirstOrDefaultAsync();
                if (accountId is null)
                {
                    await output.WriteLineAsync("PracticeStaff needs --account with the accountId of one of the partner's accounts.");
                    return 2;
                }
            }
        }

        var userManager = provider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = options.GetValueOrDefault("name") ?? email,
            PartnerId = partnerId,
            AccountId = accountId,
        };
        var auditLog = provider.GetRequiredService<AuditLog>();
        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                Require(await userManager.CreateAsync(user, password));
                Require(await userManager.AddToRoleAsync(user, role));
                auditLog.Add(db, Actor.System("Command line"), new AuditRecord("user.created", "User", user.Id,
                    $"User {email} created with role {role}", PartnerId: partnerId, AccountId: accountId));
            }, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IdentityFailure or InvalidOperationException or DbUpdateException)
        {
            await output.WriteLineAsync(exception is IdentityFailure ? exception.Message : $"The user was not created: {exception.Message}");
            return 1;
        }

        await output.WriteLineAsync($"User '{email}' created with role {role}.");
        return 0;
    }

    public const string PasswordVariable = "PORTAL_NEW_USER_PASSWORD";

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new IdentityFailure(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Rolls the transaction back when Identity refuses a part of the user's creation.</summary>
    private sealed class IdentityFailure(string message) : Exception(message);

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[i + 1];
                i++;
            }
        }

        return options;
    }
}

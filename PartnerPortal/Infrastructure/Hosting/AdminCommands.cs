using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Infrastructure.Delivery;

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
        if (!options.TryGetValue("slug", out var slug) || !options.TryGetValue("name", out var name)
            || options.GetValueOrDefault("sms-api", "off") is not ("on" or "off"))
        {
            await output.WriteLineAsync("Usage: create-partner --slug <slug> --name <display name> [--sms-api on|off] [--corporate-website <url>] " +
                "[--legal-name ..] [--address1 ..] [--address2 ..] [--city ..] [--state ..] [--postal-code ..] [--country ..] --website <url> " +
                "--contact-first-name .. --contact-last-name .. --contact-email .. --contact-phone ..");
            return 2;
        }

        // The Partners page's own path (validation, audit), acting as the system.
        var partners = ActivatorUtilities.CreateInstance<PartnerOnboardingService>(provider, new FixedCurrentActor(Actor.System("Command line")));
        var details = new BusinessDetailsUpdate(
            options.GetValueOrDefault("business-name") ?? name, options.GetValueOrDefault("legal-name"),
            options.GetValueOrDefault("address1"), options.GetValueOrDefault("address2"), options.GetValueOrDefault("city"),
            options.GetValueOrDefault("state"), options.GetValueOrDefault("postal-code"), options.GetValueOrDefault("country"),
            options.GetValueOrDefault("website"), options.GetValueOrDefault("contact-first-name"), options.GetValueOrDefault("contact-last-name"),
            options.GetValueOrDefault("contact-email"), options.GetValueOrDefault("contact-phone"));
        var smsApi = options.GetValueOrDefault("sms-api") == "on";
        var created = await partners.CreateAsync(
            new PartnerInput(slug, name, options.GetValueOrDefault("corporate-website"), details), smsApi, CancellationToken.None);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                await output.WriteLineAsync(error.Field is null ? error.Message : $"--{OptionName(error.Field)}: {error.Message}");
            }

            return 1;
        }

        await output.WriteLineAsync($"Partner '{created.Value!.Slug}' created; SMS API {(smsApi ? "on" : "off")}.");
        return 0;
    }

    /// <summary>The command-line option of a service field ("ContactEmail" → "contact-email").</summary>
    private static string OptionName(string field) => field switch
    {
        nameof(PartnerInput.DisplayName) => "name",
        nameof(BusinessDetailsUpdate.Name) => "business-name",
        nameof(BusinessDetailsUpdate.CountryCode) => "country",
        _ => string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsDigit(field[i - 1]) ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString())),
    };

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

        var users = ActivatorUtilities.CreateInstance<SystemUserService>(provider, new FixedCurrentActor(Actor.System("Command line")));
        Result<UserSummary> created;
        try
        {
            created = await users.CreateAsSystemAsync(
                new SystemUserRequest(email, role, password, options.GetValueOrDefault("partner"), options.GetValueOrDefault("account"), options.GetValueOrDefault("name")),
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is InvalidOperationException or DbUpdateException)
        {
            await output.WriteLineAsync($"The user was not created: {exception.Message}");
            return 1;
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                await output.WriteLineAsync(error.Field is "Partner" or "Account" ? $"--{error.Field.ToLowerInvariant()}: {error.Message}" : error.Message);
            }

            return created.FirstError!.Code == ResultCodes.ValidationFailed && created.FirstError.Field is "Role" or "Partner" or "Account" ? 2 : 1;
        }

        await output.WriteLineAsync($"User '{email}' created with role {role}.");
        return 0;
    }

    public const string PasswordVariable = "PORTAL_NEW_USER_PASSWORD";

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

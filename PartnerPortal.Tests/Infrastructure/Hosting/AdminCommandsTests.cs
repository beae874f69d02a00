using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Hosting;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Hosting;

/// <summary><c>create-user</c>: one unit (user, role, audit entry) and the password only from the environment.</summary>
[Collection(nameof(AdminCommandsTests))] // PORTAL_NEW_USER_PASSWORD is process-wide
public sealed class AdminCommandsTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new();

    public Task InitializeAsync()
    {
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(AdminCommands.PasswordVariable, null);
        await _app.DisposeAsync();
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await AdminCommands.RunAsync(_app.Services, args, output);
        return (code, output.ToString());
    }

    private async Task<(bool User, bool Audit)> LeftBehindAsync(string email)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return (await db.Users.AnyAsync(u => u.Email == email),
            await db.AuditEntries.AnyAsync(e => e.Action == "user.created" && e.Summary.Contains(email)));
    }

    [Fact]
    public async Task CreateUser_AuditEntryCannotBeWritten_NothingLeftBehind()
    {
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync())
        {
            // The last part of the unit fails: the user and its role written before it must go too.
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE FUNCTION refuse_user_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END; $$ LANGUAGE plpgsql;
                    CREATE TRIGGER refuse_user_audit BEFORE INSERT ON "AuditEntries" FOR EACH ROW WHEN (NEW."Action" = 'user.created') EXECUTE FUNCTION refuse_user_audit();
                    """);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE TRIGGER refuse_user_audit BEFORE INSERT ON AuditEntries WHEN NEW.Action = 'user.created'
                    BEGIN SELECT RAISE(ABORT, 'audit refused'); END;
                    """);
            }
        }

        Environment.SetEnvironmentVariable(AdminCommands.PasswordVariable, "a long enough passphrase");

        var (code, output) = await RunAsync("create-user", "--email", "ops@vendor.example", "--role", PortalRoles.Operator);

        code.Should().Be(1, output);
        (await LeftBehindAsync("ops@vendor.example")).Should().Be((false, false));
        await using var check = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        (await check.UserRoles.CountAsync(r => !check.Users.Any(u => u.Id == r.UserId))).Should().Be(0);
    }

    [Fact]
    public async Task CreateUser_FromTheEnvironment_UserRoleAndAuditEntry()
    {
        Environment.SetEnvironmentVariable(AdminCommands.PasswordVariable, "a long enough passphrase");

        var (code, output) = await RunAsync("create-user", "--email", "ops2@vendor.example", "--role", PortalRoles.Operator);

        code.Should().Be(0, output);
        (await LeftBehindAsync("ops2@vendor.example")).Should().Be((true, true));
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await users.IsInRoleAsync((await users.FindByEmailAsync("ops2@vendor.example"))!, PortalRoles.Operator)).Should().BeTrue();
    }

    [Fact]
    public async Task CreateUser_PasswordFlag_RefusedAndNothingCreated()
    {
        Environment.SetEnvironmentVariable(AdminCommands.PasswordVariable, null);

        var (code, output) = await RunAsync("create-user", "--email", "ops3@vendor.example", "--role", PortalRoles.Operator, "--password", "a long enough passphrase");

        code.Should().Be(2);
        output.Should().Contain("PORTAL_NEW_USER_PASSWORD");
        (await LeftBehindAsync("ops3@vendor.example")).Should().Be((false, false));
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Users;

/// <summary>
/// A partner admin's management of its partner's users: list, create with a role, change role,
/// disable and enable. Another partner's user is answered as not found; Operator is never granted;
/// an admin cannot demote or disable itself. Disabling and role changes renew the security stamp,
/// so open sessions lose their access at the next revalidation (UserAccessValidator, 30 s).
/// Each change and its audit entry commit in one transaction (no passwords in entries).
/// </summary>
public sealed class UserAdministrationService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    ICurrentActor currentActor,
    AuditLog auditLog)
{
    /// <summary>The users table's DisplayName column size (ApplicationUserConfiguration).</summary>
    public const int MaxDisplayNameLength = 200;

    private static Error NotAnAdmin => PortalPolicies.Refusal;
    private static readonly Error UserNotFound = Error.NotFound("The user");

    public async Task<Result<IReadOnlyList<UserSummary>>> ListAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        // SupportAgents read the list (DESIGN §1); only admins change it.
        if (!actor.Can(PortalPolicies.ReadPartnerSettings) || actor.PartnerId is not { } partnerId || actor.AccountId is not null)
        {
            return NotAnAdmin;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await PartnerUsers(db, partnerId).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<UserSummary>>.Ok(users.Select(u => u with { IsCurrentUser = u.Id == actor.Id }).ToList());
    }

    /// <summary>The partner's accounts, for the account of a PracticeStaff user.</summary>
    public async Task<IReadOnlyList<UserAccountOption>> GetAccountOptionsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!IsAdmin(actor, out var partnerId))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Where(a => a.PartnerId == partnerId)
            .OrderBy(a => a.BusinessName).ThenBy(a => a.Id)
            .Select(a => new UserAccountOption(a.Id, a.ExternalId, a.BusinessName))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<CreatedUser>> CreateAsync(NewUserRequest request, CancellationToken cancellationToken)
    {
        if (await currentActor.GetAsync(cancellationToken) is var gate && !gate.Can(PortalPolicies.AdministerPartner) && !gate.Can(PortalPolicies.OnboardPartners))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (!IsAdmin(actor, out var partnerId))
        {
            return NotAnAdmin;
        }

        var email = request.Email?.Trim() ?? "";
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        if (email.Length == 0)
        {
            return Error.ForField("Email", "Enter the user's e-mail address.");
        }

        if (displayName.Length > MaxDisplayNameLength)
        {
            return Error.ForField("DisplayName", $"The display name must be at most {MaxDisplayNameLength} characters.");
        }

        if (RoleError(request.Role) is { } roleError)
        {
            return roleError;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await AccountForRoleAsync(db, partnerId, request.Role, request.AccountId, cancellationToken);
        if (account.Error is not null)
        {
            return account.Error;
        }

        var generated = string.IsNullOrEmpty(request.Password);
        var password = generated ? GeneratePassword() : request.Password!;
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PartnerId = partnerId,
            AccountId = account.Option?.Id,
        };

        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                Require(await users.CreateAsync(user, password));
                Require(await users.AddToRoleAsync(user, request.Role));
                auditLog.Add(db, actor, new AuditRecord("user.created", "User", user.Id,
                    $"User {email} created with role {request.Role}", partnerId, account.Option?.Id,
                    [
                        new FieldChange("Email", null, email),
                        new FieldChange("Name", null, displayName),
                        new FieldChange("Role", null, request.Role),
                        .. account.Option is { } created ? [new FieldChange("Account", null, created.Name)] : Array.Empty<FieldChange>(),
                    ]));
            }, cancellationToken);
        }
        catch (IdentityOperationException failure)
        {
            return Result<CreatedUser>.Fail(failure.Errors);
        }

        var summary = new UserSummary(user.Id, email, displayName, request.Role, account.Option?.Id, account.Option?.Name, null, false, false);
        return Result<CreatedUser>.Ok(new CreatedUser(summary, password, generated));
    }

    /// <summary>
    /// "Create first admin" (Operators, DESIGN §1): a PartnerAdmin for a partner that has no enabled admin yet, with a
    /// generated password that is returned once (never stored in clear or shown again). 4030 for anyone else; after
    /// that the partner's admins manage its users.
    /// </summary>
    public async Task<Result<CreatedUser>> CreateFirstAdminAsync(int partnerId, string? email, string? displayName, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.OnboardPartners))
        {
            return new Error("You do not have permission to do this.", ResultCodes.Forbidden);
        }

        var address = email?.Trim() ?? "";
        var name = string.IsNullOrWhiteSpace(displayName) ? address : displayName.Trim();
        if (address.Length == 0)
        {
            return Error.ForField("Email", "Enter the admin's e-mail address.");
        }

        if (name.Length > MaxDisplayNameLength)
        {
            return Error.ForField("DisplayName", $"The display name must be at most {MaxDisplayNameLength} characters.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Id, p.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        if (await PartnerPortal.Domain.Partners.PartnerOnboardingService.AdminsOf(db, [partnerId]).AnyAsync(cancellationToken))
        {
            return new Error($"{partner.Slug} already has an admin; its admins add further users on Users.");
        }

        var password = GeneratePassword();
        var user = new ApplicationUser { UserName = address, Email = address, EmailConfirmed = true, DisplayName = name, PartnerId = partnerId };
        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                Require(await users.CreateAsync(user, password));
                Require(await users.AddToRoleAsync(user, PortalRoles.PartnerAdmin));
                auditLog.Add(db, actor, new AuditRecord("user.created", "User", user.Id,
                    $"First admin {address} of {partner.Slug} created", partnerId, null,
                    [new FieldChange("Email", null, address), new FieldChange("Name", null, name), new FieldChange("Role", null, PortalRoles.PartnerAdmin)]));
            }, cancellationToken);
        }
        catch (IdentityOperationException failure)
        {
            return Result<CreatedUser>.Fail(failure.Errors);
        }

        var summary = new UserSummary(user.Id, address, name, PortalRoles.PartnerAdmin, null, null, null, false, false);
        return Result<CreatedUser>.Ok(new CreatedUser(summary, password, PasswordWasGenerated: true));
    }

    /// <summary>Gives the user another role (PracticeStaff with one of the partner's accounts).</summary>
    public async Task<Result> ChangeRoleAsync(string userId, string role, int? accountId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (!IsAdmin(actor, out var partnerId))
        {
            return Result.Fail(NotAnAdmin);
        }

        if (RoleError(role) is { } roleError)
        {
            return Result.Fail(roleError);
        }

        if (userId == actor.Id)
        {
            return Result.Fail(Error.ForField("Role", "You cannot change your own role."));
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await FindPartnerUserAsync(users, partnerId, userId);
        if (user is null)
        {
            return Result.Fail(UserNotFound);
        }

        var account = await AccountForRoleAsync(db, partnerId, role, accountId, cancellationToken);
        if (account.Error is not null)
        {
            return Result.Fail(account.Error);
        }

        var currentRoles = await users.GetRolesAsync(user);
        var beforeAccountId = user.AccountId;
        var beforeRole = currentRoles.FirstOrDefault();
        var beforeAccount = user.AccountId is { } id
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.BusinessName).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (currentRoles.Count == 1 && beforeRole == role && user.AccountId == account.Option?.Id)
        {
            return Result.Ok();
        }

        var changes = AuditLog.Diff(
            new Dictionary<string, string?> { ["Role"] = beforeRole, ["Account"] = beforeAccount },
            new Dictionary<string, string?> { ["Role"] = role, ["Account"] = account.Option?.Name });
        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                if (currentRoles.Count > 0)
                {
                    Require(await users.RemoveFromRolesAsync(user, currentRoles));
                }

                Require(await users.AddToRoleAsync(user, role));
                user.AccountId = account.Option?.Id;
                Require(await users.UpdateAsync(user));
                // Open sessions were issued with the old role: a new stamp ends them at the next revalidation.
                Require(await users.UpdateSecurityStampAsync(user));
                auditLog.Add(db, actor, new AuditRecord("user.role_changed", "User", user.Id,
                    $"Role of {user.Email} changed from {beforeRole ?? "none"} to {role}", partnerId, account.Option?.Id ?? beforeAccountId, changes));
            }, cancellationToken);
        }
        catch (IdentityOperationException failure)
        {
            return Result.Fail(failure.Errors);
        }

        return Result.Ok();
    }

    /// <summary>Disables the user: no sign-in (lockout without end), and open sessions end within a minute.</summary>
    public Task<Result> DisableAsync(string userId, CancellationToken cancellationToken) =>
        SetDisabledAsync(userId, disable: true, cancellationToken);

    public Task<Result> EnableAsync(string userId, CancellationToken cancellationToken) =>
        SetDisabledAsync(userId, disable: false, cancellationToken);

    private async Task<Result> SetDisabledAsync(string userId, bool disable, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.AdministerPartner) || !IsAdmin(actor, out var partnerId))
        {
            return Result.Fail(NotAnAdmin);
        }

        if (userId == actor.Id)
        {
            return Result.Fail(new Error(disable ? "You cannot disable yourself." : "You cannot enable yourself."));
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await FindPartnerUserAsync(users, partnerId, userId);
        if (user is null)
        {
            return Result.Fail(UserNotFound);
        }

        if (user.IsDisabled == disable)
        {
            return Result.Ok();
        }

        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                user.IsDisabled = disable;
                Require(await users.UpdateAsync(user));
                if (disable)
                {
                    Require(await users.SetLockoutEnabledAsync(user, true));
                    Require(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
                    Require(await users.UpdateSecurityStampAsync(user));
                }
                else
                {
                    Require(await users.SetLockoutEndDateAsync(user, null));
                    Require(await users.ResetAccessFailedCountAsync(user));
                }

                auditLog.Add(db, actor, new AuditRecord(disable ? "user.disabled" : "user.enabled", "User", user.Id,
                    $"User {user.Email} {(disable ? "disabled" : "enabled")}", partnerId, user.AccountId,
                    [new FieldChange("Status", disable ? "Enabled" : "Disabled", disable ? "Disabled" : "Enabled")]));
            }, cancellationToken);
        }
        catch (IdentityOperationException failure)
        {
            return Result.Fail(failure.Errors);
        }

        return Result.Ok();
    }

    private static bool IsAdmin(Actor actor, out int partnerId)
    {
        partnerId = actor.PartnerId ?? 0;
        return actor.IsPartnerAdmin && actor.AccountId is null;
    }

    private static Error? RoleError(string? role) => role switch
    {
        PortalRoles.Operator => Error.ForField("Role", "The Operator role cannot be granted here."),
        _ when AssignableRoles.Contains(role) => null,
        _ => Error.ForField("Role", "Choose Partner Admin, Support Agent or Practice Staff."),
    };

    private static async Task<(UserAccountOption? Option, Error? Error)> AccountForRoleAsync(
        ApplicationDbContext db, int partnerId, string role, int? accountId, CancellationToken cancellationToken)
    {
        if (role != PortalRoles.PracticeStaff)
        {
            return (null, null);
        }

        if (accountId is null)
        {
            return (null, Error.ForField("AccountId", "Practice staff need an account."));
        }

        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId && a.PartnerId == partnerId)
            .Select(a => new UserAccountOption(a.Id, a.ExternalId, a.BusinessName))
            .FirstOrDefaultAsync(cancellationToken);
        return account is null
            ? (null, new Error("The account was not found.", ResultCodes.NotFound, "AccountId"))
            : (account, null);
    }

    private static async Task<ApplicationUser?> FindPartnerUserAsync(UserManager<ApplicationUser> users, int partnerId, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is not null && user.PartnerId == partnerId ? user : null;
    }

    private static IQueryable<UserSummary> PartnerUsers(ApplicationDbContext db, int partnerId) =>
        from user in db.Users.AsNoTracking()
        where user.PartnerId == partnerId
        orderby user.DisplayName, user.Email
        select new UserSummary(
            user.Id,
            user.Email ?? user.UserName ?? "",
            user.DisplayName,
            (from userRole in db.UserRoles
             join role in db.Roles on userRole.RoleId equals role.Id
             where userRole.UserId == user.Id
             orderby role.Name
             select role.Name).FirstOrDefault(),
            user.AccountId,
            db.Accounts.Where(a => a.Id == user.AccountId).Select(a => a.BusinessName).FirstOrDefault(),
            user.LastSignInAt,
            user.IsDisabled,
            false);

    /// <summary>A 19-character password (four groups of four), easy to read out and well over the 12-character minimum.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var groups = Enumerable.Range(0, 4).Select(_ =>
            new string(Enumerable.Range(0, 4).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new IdentityOperationException(result.Errors.Select(ToError).ToList());
        }
    }

    private static Error ToError(IdentityError error)
    {
        var field = error.Code switch
        {
            var code when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
            var code when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => "Email",
            _ => null,
        };
        return new Error(error.Description, ResultCodes.ValidationFailed, field);
    }

    private sealed class IdentityOperationException(IReadOnlyList<Error> errors) : Exception("An identity operation failed.")
    {
        public IReadOnlyList<Error> Errors { get; } = errors;
    }
}

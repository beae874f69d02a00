using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;
using static PartnerPortal.Domain.Users.UserProvisioning;

namespace PartnerPortal.Domain.Users;

/// <summary>
/// A partner admin's changes to an existing user of its partner: its role, and disabling or enabling it. Another partner's
/// user is answered as not found; an admin cannot demote or disable itself. Both renew the security stamp, so open sessions
/// lose their access at the next revalidation; each change and its audit entry commit in one transaction.
/// </summary>
public sealed class UserAccessService(IServiceScopeFactory scopeFactory, ICurrentActor currentActor, AuditLog auditLog)
{
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
}

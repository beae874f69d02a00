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
/// A partner admin's management of its partner's users: list, and create with a role (<see cref="UserAccessService"/> changes roles
/// and disables). Another partner's user is not found; Operator is never granted; an admin cannot demote or disable itself. Disabling
/// and role changes renew the security stamp, so open sessions lose access at the next revalidation (UserAccessValidator, 30 s).
/// Each change commits with its audit entry (no passwords in entries).
/// </summary>
public sealed class UserAdministrationService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    ICurrentActor currentActor,
    AuditLog auditLog)
{
    /// <summary>The users table's DisplayName column size (ApplicationUserConfiguration).</summary>
    public const int MaxDisplayNameLength = 200;


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
            return PortalPolicies.Refusal;
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
}

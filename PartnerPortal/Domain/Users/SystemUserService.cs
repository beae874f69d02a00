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
/// A user created by the system (the <c>create-user</c> command of a fresh install): any role, Operator included, with
/// the partner named by its slug and a PracticeStaff account by its accountId.
/// </summary>
public sealed record SystemUserRequest(string Email, string Role, string Password, string? PartnerSlug = null, string? AccountId = null, string? DisplayName = null);

/// <summary>The system's own creation of users (the command line of a new installation).</summary>
public sealed class SystemUserService(IServiceScopeFactory scopeFactory, ICurrentActor currentActor, AuditLog auditLog)
{
    /// <summary>Creates the user, its role and the audit entry in one transaction; the system actor only.</summary>
    public async Task<Result<UserSummary>> CreateAsSystemAsync(SystemUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.IsSystem)
        {
            return PortalPolicies.Refusal;
        }

        var email = request.Email.Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        if (!PortalRoles.All.Contains(request.Role))
        {
            return Error.ForField("Role", $"Role must be one of: {string.Join(", ", PortalRoles.All)}.");
        }

        if (displayName.Length > UserAdministrationService.MaxDisplayNameLength)
        {
            return Error.ForField("DisplayName", $"The display name must be at most {UserAdministrationService.MaxDisplayNameLength} characters.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        // The context Identity's stores write through: the user, its role and the audit entry commit together or not at all.
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        int? partnerId = null;
        UserAccountOption? account = null;
        if (request.Role != PortalRoles.Operator)
        {
            partnerId = await db.Partners.Where(p => p.Slug == request.PartnerSlug).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return Error.ForField("Partner", $"{request.Role} needs the slug of an existing partner.");
            }

            if (request.Role == PortalRoles.PracticeStaff)
            {
                account = await db.Accounts.AsNoTracking().Where(a => a.PartnerId == partnerId && a.ExternalId == request.AccountId)
                    .Select(a => new UserAccountOption(a.Id, a.ExternalId, a.BusinessName)).FirstOrDefaultAsync(cancellationToken);
                if (account is null)
                {
                    return Error.ForField("Account", "PracticeStaff needs the accountId of one of the partner's accounts.");
                }
            }
        }

        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PartnerId = partnerId, AccountId = account?.Id,
        };
        try
        {
            await auditLog.InTransactionAsync(db, async () =>
            {
                Require(await users.CreateAsync(user, request.Password));
                Require(await users.AddToRoleAsync(user, request.Role));
                auditLog.Add(db, actor, new AuditRecord("user.created", "User", user.Id,
                    $"User {email} created with role {request.Role}", partnerId, account?.Id,
                    [new FieldChange("Email", null, email), new FieldChange("Name", null, displayName), new FieldChange("Role", null, request.Role)]));
            }, cancellationToken);
        }
        catch (IdentityOperationException failure)
        {
            return Result<UserSummary>.Fail(failure.Errors);
        }

        return Result<UserSummary>.Ok(new UserSummary(user.Id, email, displayName, request.Role, account?.Id, account?.Name, null, false, false));
    }
}

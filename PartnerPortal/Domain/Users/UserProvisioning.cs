using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Users;

/// <summary>
/// What creating and changing users share: who administers users, the roles that may be given, a PracticeStaff user's
/// account, and Identity's operations as the domain's results (a refused one rolls its transaction back, errors on their fields).
/// </summary>
internal static class UserProvisioning
{
    public static Error NotAnAdmin => PortalPolicies.Refusal;

    public static readonly Error UserNotFound = Error.NotFound("The user");

    public static bool IsAdmin(Actor actor, out int partnerId)
    {
        partnerId = actor.PartnerId ?? 0;
        return actor.IsPartnerAdmin && actor.AccountId is null;
    }

    public static Error? RoleError(string? role) => role switch
    {
        PortalRoles.Operator => Error.ForField("Role", "The Operator role cannot be granted here."),
        _ when AssignableRoles.Contains(role) => null,
        _ => Error.ForField("Role", "Choose Partner Admin, Support Agent or Practice Staff."),
    };

    public static async Task<(UserAccountOption? Option, Error? Error)> AccountForRoleAsync(
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

    public static async Task<ApplicationUser?> FindPartnerUserAsync(UserManager<ApplicationUser> users, int partnerId, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is not null && user.PartnerId == partnerId ? user : null;
    }

    /// <summary>A 19-character password (four groups of four), easy to read out and well over the 12-character minimum.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var groups = Enumerable.Range(0, 4).Select(_ =>
            new string(Enumerable.Range(0, 4).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }

    public static void Require(IdentityResult result)
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

    public sealed class IdentityOperationException(IReadOnlyList<Error> errors) : Exception("An identity operation failed.")
    {
        public IReadOnlyList<Error> Errors { get; } = errors;
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Users;

/// <summary>Identity's operations as the domain's results: a refused operation rolls its transaction back with the errors on their fields.</summary>
internal static class UserProvisioning
{
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

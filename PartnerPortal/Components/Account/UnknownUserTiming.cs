using Microsoft.AspNetCore.Identity;
using PartnerPortal.Data;

namespace PartnerPortal.Components.Account;

/// <summary>
/// Spends on an unknown e-mail the password hashing a known one costs (PBKDF2, 210,000 iterations), so the time a
/// sign-in takes does not tell whether the e-mail belongs to a user.
/// </summary>
internal static class UnknownUserTiming
{
    private static readonly ApplicationUser Nobody = new();
    private static string? _dummyHash;

    public static void VerifyAgainstDummy(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        _dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Domain.SecureText;

/// <summary>Secure Text link tokens: 32 random bytes as base64url; only their SHA-256 hash is stored.</summary>
public static class SecureLinkToken
{
    /// <summary>The length of a token (32 bytes in base64url without padding).</summary>
    public const int Length = 43;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> has the shape of a token (so junk never reaches the database).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

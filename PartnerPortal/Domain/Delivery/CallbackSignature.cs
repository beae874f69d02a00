using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// How the provider authenticates status callbacks and inbound texts: <c>X-Provider-Account</c> (the
/// account's id shown on its SMS Settings page), <c>X-Provider-Timestamp</c> (Unix seconds) and
/// <c>X-Provider-Signature: sha256=</c> + lowercase hex of HMAC-SHA256(key = UTF-8 of the account's callback
/// secret, data = UTF-8 of <c>"{timestamp}.{body}"</c>).
/// </summary>
public static class CallbackSignature
{
    public const string AccountHeader = "X-Provider-Account";
    public const string TimestampHeader = "X-Provider-Timestamp";
    public const string SignatureHeader = "X-Provider-Signature";
    public const string SecretPrefix = "cbsec_";
    public const string SignaturePrefix = "sha256=";

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string secret, long timestamp, string body)
    {
        var data = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the timestamp and body (constant-time).</summary>
    public static bool Verify(string secret, long timestamp, string body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static long ToUnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}

using System.Security.Cryptography;

namespace PartnerPortal.Domain.Common;

/// <summary>
/// DESIGN §6 <c>Idempotency-Key</c>: same key and request → the first answer; same key, other request → 4090. One rule at
/// two depths: <c>Api/IdempotencyFilter</c> replays any API POST per key, and a send also stores key and fingerprint on the
/// message in its own transaction, so a retry after a crash between that commit and the filter's record finds the message
/// instead of texting the patient twice.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>How long the API keeps an answer to replay.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The one 4090 answer: the key was used with another request.</summary>
    public static Error Conflict { get; } = new(ResultCodes.Sentences.IdempotencyConflict, ResultCodes.IdempotencyConflict, HeaderName);

    /// <summary>4090 too: the first request with the key has not answered yet.</summary>
    public static Error StillProcessing { get; } =
        new("A request with this Idempotency-Key is still being processed; retry shortly.", ResultCodes.IdempotencyConflict, HeaderName);

    public static Error TooLong { get; } = Error.ForField(HeaderName, $"Idempotency-Key must be at most {MaxKeyLength} characters.");

    /// <summary>The key as it is stored and compared; null when none was given.</summary>
    public static string? Normalize(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim();

    /// <summary>The fingerprint two requests share when they are the same request (lower-case hex SHA-256).</summary>
    public static string Fingerprint(ReadOnlySpan<byte> request) => Convert.ToHexStringLower(SHA256.HashData(request));

    /// <summary>The same fingerprint, fed in parts (a request body read in chunks).</summary>
    public static IncrementalHash NewFingerprint() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public static string Finish(IncrementalHash fingerprint) => Convert.ToHexStringLower(fingerprint.GetHashAndReset());
}

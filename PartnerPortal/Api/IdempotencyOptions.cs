using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Api;

/// <summary><c>Api:Idempotency</c>: how long a claimed <c>Idempotency-Key</c> without an answer blocks retries.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Api:Idempotency";

    /// <summary>
    /// Seconds after which a claim whose request never recorded an answer (the process died, or its final write
    /// failed) is taken over by a retry instead of answering 4090 "still being processed". Longer than any request
    /// takes; sends are also deduplicated by the message's own key, so a retry never creates a second message.
    /// </summary>
    [Range(1, 86_400, ErrorMessage = "Api:Idempotency:ClaimExpirySeconds must be between 1 and 86400 seconds.")]
    public int ClaimExpirySeconds { get; set; } = 60;

    public TimeSpan ClaimExpiry => TimeSpan.FromSeconds(ClaimExpirySeconds);
}

namespace PartnerPortal.Domain.Delivery;

/// <summary>What became of one attempt to hand a message to the provider.</summary>
public enum AttemptResult
{
    /// <summary>Recorded before the request; the answer is not in yet.</summary>
    InProgress,

    /// <summary>The provider accepted the message (2xx).</summary>
    Sent,

    /// <summary>The provider refused the message (4xx): the message failed, no retry.</summary>
    Rejected,

    /// <summary>5xx, timeout or connection error: retried later, or the message failed after the last attempt.</summary>
    Error,

    /// <summary>The dispatcher stopped before it recorded the answer; the message was sent again with the same retId.</summary>
    Interrupted,
}

/// <summary>
/// One attempt of the dispatcher to send a message, recorded before the request is made (the message's
/// timeline lists them). <see cref="Number"/> is 1-based and unique per message.
/// </summary>
public class MessageAttempt
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public int Number { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public AttemptResult Result { get; set; }
    public int? HttpStatus { get; set; }
    public string? Error { get; set; }

    /// <summary>The dispatcher's claim token (instance and batch) that made the attempt.</summary>
    public string? Dispatcher { get; set; }
}

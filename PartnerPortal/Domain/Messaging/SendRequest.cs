using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// One text to send, from the Send dialog or an API. Give either <see cref="RecipientId"/> (an entry of the
/// account's address book) or <see cref="Recipient"/> (inline data, e.g. the Partner API's <c>to</c>).
/// </summary>
public sealed record SendRequest
{
    public required int AccountId { get; init; }

    /// <summary>The location to send from (its id). Null: the Default Location for an API, a refusal for the dialog.</summary>
    public int? LocationId { get; init; }
    public int? RecipientId { get; init; }
    public InlineRecipient? Recipient { get; init; }
    public MessageKind Kind { get; init; } = MessageKind.SmsText;
    public required string Content { get; init; }

    /// <summary>How a Secure Text's recipient is notified; ignored for an SMS Text.</summary>
    public NotifyMethod NotifyMethod { get; init; } = NotifyMethod.Sms;
    public string? IdempotencyKey { get; init; }

    /// <summary>True for the Partner and Integration APIs (checks the partner's SMS API activation, defaults the location).</summary>
    public bool ViaApi { get; init; }

    /// <summary>The user confirmed the content warnings (mostly capitals, promotional offers).</summary>
    public bool ConfirmedWarnings { get; init; }

    /// <summary>
    /// A patient the Integration API names by an unknown <c>providerId</c>: created in the same transaction as the
    /// message and its audit entries, so a refused send leaves no patient behind.
    /// </summary>
    public NewPatient? CreatePatient { get; init; }

    /// <summary>Integration API SMS sends may text a patient without a date of birth (seed 003); a Secure Text never.</summary>
    public bool PatientDateOfBirthOptional { get; init; }

    /// <summary>"Send new link": the Secure Text whose expired or locked link this one replaces (named in the audit entry).</summary>
    public long? NewLinkFor { get; init; }

    /// <summary>The Integration API's <c>provider</c>, stored on the message.</summary>
    public string? Provider { get; init; }
    /// <summary>"Send later" / <c>sendAt</c> (UTC): not before this time; quiet hours may hold it longer. Null: as soon as possible.</summary>
    public DateTime? SendAt { get; init; }
    /// <summary>"Assign to a queue" (optional): replies to this text land in that queue (a Location of kind Queue) of the Inbox.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? QueueLocationId { get; init; }
}

/// <summary>A patient to add to the address book with the message (already validated and trimmed by the caller).</summary>
public sealed record NewPatient(string ProviderId, string FirstName, string LastName, string Mobile, string? Email, DateOnly? DateOfBirth);

/// <summary>A recipient given inline: a bare mobile (<see cref="Kind"/> null) or a patient/contact not in the address book.</summary>
public sealed record InlineRecipient(
    string? Mobile,
    string? Email = null,
    RecipientKind? Kind = null,
    string? FirstName = null,
    string? LastName = null,
    DateOnly? DateOfBirth = null);

/// <summary>The stored message: what the dialog confirms and the APIs answer (<c>messageId</c>, <c>smsCount</c>, <c>status</c>).</summary>
/// <param name="Replayed">True when an earlier request with the same Idempotency-Key is answered again.</param>
/// <param name="ScheduledFor">When the text will go out, when quiet hours or <see cref="SendRequest.SendAt"/> delay it.</param>
public sealed record SendOutcome(
    long MessageId,
    MessageStatus Status,
    int Segments,
    string Encoding,
    bool IsUnicode,
    DateTime CreatedAt,
    bool Replayed = false,
    int? RecipientId = null,
    DateTime? ScheduledFor = null);

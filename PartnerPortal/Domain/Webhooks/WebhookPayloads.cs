using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PartnerPortal.Domain.Numbers;

namespace PartnerPortal.Domain.Webhooks;

/// <summary>One number whose verification completed, as sent to subscribers (no PHI: business data only).</summary>
public sealed record VerificationStatusItem(
    string AccountId,
    string AccountName,
    string LocationId,
    string LocationName,
    string? Number,
    string Status,
    string? Reason,
    DateTime DecidedAt);

/// <summary>
/// The JSON bodies of webhook events, in the Standard Webhooks shape:
/// <c>{ "type": "sms.verification.status", "timestamp": "...", "data": { "numbers": [...] } }</c>.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string VerificationStatus(DateTime now, IReadOnlyList<VerificationStatusItem> numbers) =>
        JsonSerializer.Serialize(new
        {
            type = WebhookEvents.VerificationStatus,
            timestamp = Utc(now),
            data = new { test = false, numbers },
        }, Json);

    /// <summary>"Send test event" of a subscription: its event type, marked as a test (message events carry no message).</summary>
    public static string Test(DateTime now, string eventType) => eventType == WebhookEvents.VerificationStatus
        ? Test(now)
        : JsonSerializer.Serialize(new { type = eventType, timestamp = Utc(now), data = new { test = true } }, Json);

    /// <summary>"Send test event": the same shape, marked as a test, with no numbers.</summary>
    public static string Test(DateTime now) =>
        JsonSerializer.Serialize(new
        {
            type = WebhookEvents.VerificationStatus,
            timestamp = Utc(now),
            data = new { test = true, numbers = Array.Empty<VerificationStatusItem>() },
        }, Json);

    public static IEnumerable<VerificationStatusItem> ItemsOf(
        string accountExternalId, string accountName, DateTime decidedAt, IEnumerable<VerificationOutcomeNumber> outcome) =>
        outcome.Select(n => new VerificationStatusItem(
            accountExternalId, accountName, n.LocationExternalId, n.LocationName, n.Number, n.Status.ToString(), n.RejectionReason, Utc(decidedAt)));

    /// <summary><c>message.status</c>: a message's move to Sent, Delivered or Failed, with the API's message id.</summary>
    public static string MessageStatus(DateTime now, string messageId, string accountId, string status, string? reason, DateTime occurredAt) =>
        JsonSerializer.Serialize(new
        {
            type = WebhookEvents.MessageStatus,
            timestamp = Utc(now),
            data = new { messageId, accountId, status, reason, occurredAt = Utc(occurredAt) },
        }, Json);

    /// <summary><c>message.inbound</c>: a patient's reply; <c>content</c> only for a subscription that opted in.</summary>
    public static string MessageInbound(DateTime now, string accountId, string from, string? to, DateTime receivedAt, string? inReplyTo, string? content)
    {
        var data = new Dictionary<string, object?>
        {
            ["accountId"] = accountId,
            ["from"] = from,
            ["to"] = to,
            ["receivedAt"] = Utc(receivedAt),
            ["inReplyToMessageId"] = inReplyTo,
        };
        if (content is not null)
        {
            data["content"] = content;
        }

        return JsonSerializer.Serialize(new { type = WebhookEvents.MessageInbound, timestamp = Utc(now), data }, Json);
    }

    /// <summary>
    /// A stored <c>message.inbound</c> body with its reply content replaced by <paramref name="redacted"/>, when the
    /// reply was received before <paramref name="cutoff"/>; null when there is nothing to redact (no content, already
    /// redacted, or the reply is still within its retention).
    /// </summary>
    public static string? RedactInboundContent(string payloadJson, DateTime cutoff, string redacted)
    {
        if (JsonNode.Parse(payloadJson) is not JsonObject { } body || body["data"] is not JsonObject { } data
            || data["content"] is not JsonValue content || content.GetValue<string>() == redacted
            || data["receivedAt"] is not JsonValue receivedAt || receivedAt.GetValue<DateTime>().ToUniversalTime() >= cutoff)
        {
            return null;
        }

        data["content"] = redacted;
        return body.ToJsonString(Json);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static string NewEventId() => $"msg_{Guid.NewGuid():N}";
}

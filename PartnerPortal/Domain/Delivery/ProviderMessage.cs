using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// The JSON document POSTed to the provider for one message, exactly as DESIGN §5 shows:
/// <c>{ "type", "sender", "to", "retId", "isUnicode", "text", "credits" }</c>. <c>retId</c> is the message id;
/// the provider reports back with it and must treat a repeated <c>retId</c> as the same message. Without a sender name
/// the type is MARKETING and <c>sender</c> is omitted.
/// </summary>
public sealed record ProviderMessage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sender"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sender,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("retId")] string RetId,
    [property: JsonPropertyName("isUnicode")] bool IsUnicode,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("credits")] int Credits)
{
    public const string Notification = "NOTIFICATION";
    public const string Marketing = "MARKETING";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>NOTIFICATION with a sender name, MARKETING without one.</summary>
    public static string TypeFor(string? senderName) => string.IsNullOrWhiteSpace(senderName) ? Marketing : Notification;

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The status callback's body: <c>{ "retId": "123", "status": "DELIVERED" | "FAILED" | "SENT", "reason": "..." }</c>.</summary>
public sealed record ProviderStatusCallback(
    [property: JsonPropertyName("retId")] string? RetId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>The inbound endpoint's body: <c>{ "id": "...", "from": "+1...", "to": "+1...", "text": "STOP" }</c>.</summary>
public sealed record ProviderInboundText(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("text")] string? Text);

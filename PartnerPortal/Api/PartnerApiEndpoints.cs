using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;

namespace PartnerPortal.Api;

/// <summary>The Partner API (<c>/api/io</c>, partner-scoped keys, <c>successful/responseCode/responseMessage</c> envelope).</summary>
public static class PartnerApiEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/SmsSend", SmsSendAsync)
            .WithSummary("Sends an SMS Text from the account's location (default: the Default Location) through the send pipeline.")
            .WithDescription("Checks in order: 4015 (" + ResultCodes.Sentences.ApiNotEnabled + "), 4000 (validation), 4040 (accountId, locationId), " +
                             "then the send pipeline: 4045 (content blocked, with every finding), 4050 (opted out), 4039 (business information), " +
                             "4035 (" + ResultCodes.Sentences.NumberNotVerified + " The first text of a location without a number requests one. " +
                             VerificationTiming.Note + ").")
            .Accepts<SmsSendRequest>("application/json")
            .Produces<SmsSendResponse>()
            .Produces<PartnerApiResponse>(StatusCodes.Status400BadRequest)
            .Produces<PartnerApiResponse>(StatusCodes.Status403Forbidden)
            .Produces<PartnerApiResponse>(StatusCodes.Status404NotFound)
            .Produces<PartnerApiResponse>(StatusCodes.Status409Conflict)
            .Produces<PartnerApiResponse>(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/SmsSendNumberList", SmsSendNumberListAsync)
            .WithSummary("The SMS numbers of the account's locations and queues, with their verification status.")
            .Accepts<AccountRequest>("application/json")
            .Produces<SmsNumberListResponse>()
            .Produces<PartnerApiResponse>(StatusCodes.Status403Forbidden)
            .Produces<PartnerApiResponse>(StatusCodes.Status404NotFound);
        group.MapPost("/SmsMessageGet", SmsMessageGetAsync)
            .WithSummary("A message's delivery status by the messageId SmsSend answered.")
            .Accepts<MessageRequest>("application/json")
            .Produces<SmsMessageResponse>()
            .Produces<PartnerApiResponse>(StatusCodes.Status400BadRequest)
            .Produces<PartnerApiResponse>(StatusCodes.Status403Forbidden)
            .Produces<PartnerApiResponse>(StatusCodes.Status404NotFound);
        PracticeEndpoints.Map(group);
    }

    public sealed record SmsSendRequest(string? AccountId, string? LocationId, string? To, string? Message, DateTime? SendAt = null);

    public sealed class SmsSendResponse : PartnerApiResponse
    {
        public long MessageId { get; init; }
        public int SmsCount { get; init; }
        public string Status { get; init; } = "";

        /// <summary>When the text will go out, when quiet hours or <c>sendAt</c> delay it.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public DateTime? ScheduledFor { get; init; }
    }

    public sealed record AccountRequest(string? AccountId);

    public sealed record MessageRequest(long? MessageId);

    public sealed class SmsMessageResponse : PartnerApiResponse
    {
        public long MessageId { get; init; }
        public string Status { get; init; } = "";
        public string? ErrorReason { get; init; }
        public DateTime? SentAt { get; init; }
        public DateTime? DeliveredAt { get; init; }
        public int SmsCount { get; init; }
    }

    public sealed record NumberEntry(string LocationId, string LocationName, string Kind, string? Number, string Status);

    public sealed class SmsNumberListResponse : PartnerApiResponse
    {
        public IReadOnlyList<NumberEntry> Numbers { get; init; } = [];
    }

    private static async Task<ApiResult> SmsSendAsync(HttpRequest request, PartnerSmsService sender, CancellationToken cancellationToken)
    {
        var body = await ApiRequest.ReadAsync<SmsSendRequest>(request);
        var key = request.Headers[IdempotencyFilter.HeaderName].ToString() is { Length: > 0 } header ? header : null;
        var sent = await sender.SendAsync(body.Succeeded
            ? Result<PartnerSmsRequest>.Ok(new PartnerSmsRequest(body.Value!.AccountId, body.Value.LocationId, body.Value.To, body.Value.Message,
                ApiRequest.AsUtc(body.Value.SendAt), key))
            : Result<PartnerSmsRequest>.Fail(body.Errors), cancellationToken);
        if (!sent.Succeeded)
        {
            return ApiResults.PartnerFailure(sent.Errors);
        }

        return ApiResults.PartnerOk(new SmsSendResponse
        {
            MessageId = sent.Value!.MessageId,
            SmsCount = sent.Value.Segments,
            Status = sent.Value.Status.ToString(),
            ScheduledFor = sent.Value.ScheduledFor,
        });
    }

    private static async Task<ApiResult> SmsSendNumberListAsync(HttpRequest request, ExternalIdResolver ids, SmsNumberService numbers,
        SmsApiActivation activation, CancellationToken cancellationToken)
    {
        if (await activation.RefusalAsync(cancellationToken) is { } notEnabled)
        {
            return ApiResults.PartnerFailure([notEnabled]);
        }

        var body = await ApiRequest.ReadAsync<AccountRequest>(request);
        if (!body.Succeeded)
        {
            return ApiResults.PartnerFailure(body.Errors);
        }

        var resolved = await ids.ResolveAsync(body.Value!.AccountId, null, cancellationToken);
        if (!resolved.Succeeded)
        {
            return ApiResults.PartnerFailure(resolved.Errors);
        }

        var list = await numbers.ListForAccountAsync(resolved.Value.AccountId, cancellationToken);
        if (!list.Succeeded)
        {
            return ApiResults.PartnerFailure(list.Errors);
        }

        return ApiResults.PartnerOk(new SmsNumberListResponse
        {
            // The numbers a text can be sent from: deactivated locations are left out.
            Numbers = list.Value!.Where(n => n.IsActive).Select(n => new NumberEntry(n.ExternalId, n.Name, n.Kind.ToString(), n.Number, n.Status.ToString())).ToList(),
        });
    }

    private static async Task<ApiResult> SmsMessageGetAsync(HttpRequest request, IntegrationMessagingService messages, SmsApiActivation activation,
        CancellationToken cancellationToken)
    {
        if (await activation.RefusalAsync(cancellationToken) is { } notEnabled)
        {
            return ApiResults.PartnerFailure([notEnabled]);
        }

        var body = await ApiRequest.ReadAsync<MessageRequest>(request);
        if (!body.Succeeded)
        {
            return ApiResults.PartnerFailure(body.Errors);
        }

        if (body.Value!.MessageId is not { } messageId)
        {
            return ApiResults.PartnerFailure([Error.ForField("messageId", "messageId is required.")]);
        }

        // Scoped to the key's partner: another partner's message is not found.
        var found = await messages.GetAsync(messageId, cancellationToken);
        if (!found.Succeeded)
        {
            return ApiResults.PartnerFailure(found.Errors);
        }

        var m = found.Value!;
        return ApiResults.PartnerOk(new SmsMessageResponse
        {
            MessageId = m.MessageId,
            Status = m.Status,
            ErrorReason = m.ErrorReason,
            SentAt = m.SentOn,
            DeliveredAt = m.DeliveredAt,
            SmsCount = m.SmsCount,
        });
    }
}

using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Api;

/// <summary>The Integration API (<c>/api/v1/integration</c>, account-scoped keys, problem-details errors with <c>code</c>).</summary>
public static class IntegrationApiEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/messages/send", SendAsync)
            .WithSummary("Sends an SMS Text to a patient found by providerId (created from firstName, lastName and mobileNumber when unknown; " +
                         "dateOfBirth is optional for SMS).")
            .WithDescription("Checks in order: 4030 (the key may not send), 4015 (" + ResultCodes.Sentences.ApiNotEnabled + "), 4000 (validation), " +
                             "4040 (practiceTemplateId), then the send pipeline: 4045 (content blocked, with every finding), 4050 (opted out), " +
                             "4039 (business information), 4035 (" + ResultCodes.Sentences.NumberNotVerified + " " + VerificationTiming.Note + "). " +
                             "Nothing is written when the send is refused.")
            .Accepts<SendMessageRequest>("application/json")
            .Produces<MessageSent>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/messages/{id}", GetAsync)
            .WithSummary("One message of the key's account, by its id (a string).")
            .Produces<MessageDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/messages", ListAsync)
            .WithSummary("The key's account's messages, newest first (pageSize at most 100).")
            .Produces<MessagePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/messages/preview", PreviewAsync)
            .WithSummary("Encoding, segments and content checks for a message text (the Send dialog's lint).")
            .Accepts<MessagePreviewRequest>("application/json")
            .Produces<MessagePreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/templates", TemplatesAsync)
            .WithSummary("The account's practice templates (their id is the send's practiceTemplateId).")
            .Produces<IReadOnlyList<TemplateItem>>();
        group.MapGet("/ping", () => new ApiResult(StatusCodes.Status200OK, new { status = "ok" }))
            .WithSummary("Checks the key; does nothing else (the benchmark's empty endpoint).")
            .ExcludeFromDescription();
    }

    public sealed record SendMessageRequest(
        string? ProviderId, string? Content, string? PracticeTemplateId, string? Provider, string? FirstName, string? LastName,
        string? MobileNumber, string? Email, string? DateOfBirth, DateTime? SendAt = null);

    /// <summary>The answer to a send (seed 003).</summary>
    public sealed record MessageSent(
        string MessageId, string? PatientId, string Status, int SmsCount, string Content, DateTime? SentOn, DateTime CreatedAt, DateTime UpdatedAt,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTime? ScheduledFor = null);

    /// <summary>
    /// <c>GET /messages/{id}</c>: the send's fields plus <c>id</c>, <c>provider</c>, <c>errorReason</c>, <c>deliveredAt</c> and
    /// <c>scheduledFor</c> (set when quiet hours or <c>sendAt</c> delay the text).
    /// </summary>
    public sealed record MessageDetails(
        string Id, string MessageId, string? PatientId, string Status, int SmsCount, string Content, string? Provider, string? ErrorReason,
        DateTime? SentOn, DateTime? DeliveredAt, DateTime? ScheduledFor, DateTime CreatedAt, DateTime UpdatedAt);

    /// <summary>An item of <c>GET /messages</c>, exactly as seed 003 lists them.</summary>
    public sealed record MessageListItem(
        string Id, string Content, string Status, int SmsCount, string? PatientId, DateTime? SentOn, DateTime CreatedAt, DateTime UpdatedAt);

    public sealed record MessagePage(IReadOnlyList<MessageListItem> Data, int Count);

    public sealed record TemplateItem(string Id, string Name, string Body, DateTime UpdatedAt);

    public sealed record MessagePreviewRequest(string? Content);

    public sealed record MessagePreviewResponse(
        string Encoding, int Characters, int Segments, IReadOnlyList<string> NonGsmCharacters,
        IReadOnlyList<LintFinding> Blocked, IReadOnlyList<LintFinding> Warnings);

    private static async Task<ApiResult> SendAsync(HttpRequest request, IntegrationMessagingService messaging, ICurrentActor actor, PublicIds ids,
        CancellationToken cancellationToken)
    {
        var body = await ApiRequest.ReadAsync<SendMessageRequest>(request);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Errors);
        }

        var input = body.Value!;
        var accountId = (await actor.GetAsync(cancellationToken)).AccountId ?? 0;
        // An id that names no template of this account is 0: the service answers 4040 after the checks that come first.
        int? templateId = input.PracticeTemplateId is null ? null : (int)(ids.Decode(PublicIdKind.Template, accountId, input.PracticeTemplateId) ?? 0);
        var sent = await messaging.SendAsync(new PatientTextRequest(
            input.ProviderId, input.Content, templateId,
            string.IsNullOrWhiteSpace(input.Provider) ? request.HttpContext.User.Identity?.Name : input.Provider,
            input.FirstName, input.LastName, input.MobileNumber, input.Email, input.DateOfBirth,
            request.Headers[IdempotencyFilter.HeaderName].ToString() is { Length: > 0 } key ? key : null, ApiRequest.AsUtc(input.SendAt)), cancellationToken);
        if (!sent.Succeeded)
        {
            return ApiResults.Problem(sent.Errors);
        }

        var m = sent.Value!;
        return new ApiResult(StatusCodes.Status200OK, new MessageSent(
            ids.Encode(PublicIdKind.Message, m.AccountId, m.MessageId), ids.Encode(PublicIdKind.Patient, m.AccountId, m.PatientId),
            m.Status, m.SmsCount, m.Content, m.SentOn, m.CreatedAt, m.UpdatedAt, m.ScheduledFor));
    }

    private static async Task<ApiResult> GetAsync(string id, IntegrationMessagingService messaging, ICurrentActor actor, PublicIds ids,
        CancellationToken cancellationToken)
    {
        var current = await actor.GetAsync(cancellationToken);
        if (current.AccountId is not { } accountId || ids.Decode(PublicIdKind.Message, accountId, id) is not { } messageId)
        {
            return ApiResults.Problem([Error.NotFound("The message")]);
        }

        var message = await messaging.GetAsync(messageId, cancellationToken);
        if (!message.Succeeded)
        {
            return ApiResults.Problem(message.Errors);
        }

        var m = message.Value!;
        return new ApiResult(StatusCodes.Status200OK, new MessageDetails(
            id, id, ids.Encode(PublicIdKind.Patient, m.AccountId, m.PatientId), m.Status, m.SmsCount, m.Content, m.Provider, m.ErrorReason,
            m.SentOn, m.DeliveredAt, m.ScheduledFor, m.CreatedAt, m.UpdatedAt));
    }

    private static async Task<ApiResult> ListAsync(HttpRequest request, IntegrationMessagingService messaging, PublicIds ids, CancellationToken cancellationToken)
    {
        if (!TryQueryInt(request, "page", 1, out var page) || !TryQueryInt(request, "pageSize", 20, out var pageSize))
        {
            return ApiResults.Problem([Error.ForField(!TryQueryInt(request, "page", 1, out _) ? "page" : "pageSize", "page and pageSize must be whole numbers.")]);
        }

        var list = await messaging.ListAsync(page, pageSize, cancellationToken);
        if (!list.Succeeded)
        {
            return ApiResults.Problem(list.Errors);
        }

        return new ApiResult(StatusCodes.Status200OK, new MessagePage(
            list.Value!.Data.Select(m => new MessageListItem(
                ids.Encode(PublicIdKind.Message, m.AccountId, m.MessageId), m.Content, m.Status, m.SmsCount,
                ids.Encode(PublicIdKind.Patient, m.AccountId, m.PatientId), m.SentOn, m.CreatedAt, m.UpdatedAt)).ToList(),
            list.Value.Count));
    }

    private static async Task<ApiResult> PreviewAsync(HttpRequest request)
    {
        var body = await ApiRequest.ReadAsync<MessagePreviewRequest>(request);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Errors);
        }

        if (string.IsNullOrEmpty(body.Value!.Content))
        {
            return ApiResults.Problem([Error.ForField("content", "content is required.")]);
        }

        var preview = MessagePreview.Of(body.Value.Content);
        return new ApiResult(StatusCodes.Status200OK, new MessagePreviewResponse(
            preview.Encoding, preview.Characters, preview.Segments, preview.NonGsmCharacters, preview.Blocked, preview.Warnings));
    }

    private static async Task<ApiResult> TemplatesAsync(ICurrentActor actor, TemplateService templates, PublicIds ids, CancellationToken cancellationToken)
    {
        var current = await actor.GetAsync(cancellationToken);
        var accountId = current.AccountId ?? 0;
        var list = await templates.ListAsync(accountId, cancellationToken);
        return list.Succeeded
            ? new ApiResult(StatusCodes.Status200OK, list.Value!
                .Select(t => new TemplateItem(ids.Encode(PublicIdKind.Template, accountId, t.Id), t.Name, t.Body, t.UpdatedAt)).ToList())
            : ApiResults.Problem(list.Errors);
    }

    private static bool TryQueryInt(HttpRequest request, string name, int fallback, out int value)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}

using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Api;

/// <summary>The Integration API (<c>/api/v1/integration</c>, account-scoped keys, problem-details errors with <c>code</c>).</summary>
public static class IntegrationApiEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/messages/send", SendAsync)
            .WithSummary("Sends an SMS Text to a patient found by providerId (created from firstName, lastName and mobileNumber when unknown).")
            .Accepts<SendMessageRequest>("application/json")
            .Produces<ApiMessageDetails>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/messages/{id:long}", GetAsync)
            .WithSummary("One message of the key's account.")
            .Produces<ApiMessageDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/messages", ListAsync)
            .WithSummary("The key's account's messages, newest first (pageSize at most 100).")
            .Produces<ApiMessagePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/messages/preview", PreviewAsync)
            .WithSummary("Encoding, segments and content checks for a message text (the Send dialog's lint).")
            .Accepts<MessagePreviewRequest>("application/json")
            .Produces<MessagePreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/templates", TemplatesAsync)
            .WithSummary("The account's practice templates.")
            .Produces<IReadOnlyList<TemplateSummary>>();
        group.MapGet("/ping", () => new ApiResult(StatusCodes.Status200OK, new { status = "ok" }))
            .WithSummary("Checks the key; does nothing else (the benchmark's empty endpoint).")
            .ExcludeFromDescription();
    }

    public sealed record SendMessageRequest(
        string? ProviderId, string? Content, int? PracticeTemplateId, string? Provider, string? FirstName, string? LastName,
        string? MobileNumber, string? Email, string? DateOfBirth, DateTime? SendAt = null);

    public sealed record MessagePreviewRequest(string? Content);

    public sealed record MessagePreviewResponse(
        string Encoding, int Characters, int Segments, IReadOnlyList<string> NonGsmCharacters,
        IReadOnlyList<LintFinding> Blocked, IReadOnlyList<LintFinding> Warnings);

    private static async Task<ApiResult> SendAsync(HttpRequest request, IntegrationMessagingService messaging, CancellationToken cancellationToken)
    {
        var body = await ApiRequest.ReadAsync<SendMessageRequest>(request);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Errors);
        }

        var input = body.Value!;
        var sent = await messaging.SendAsync(new IntegrationSendInput(
            input.ProviderId, input.Content, input.PracticeTemplateId,
            string.IsNullOrWhiteSpace(input.Provider) ? request.HttpContext.User.Identity?.Name : input.Provider,
            input.FirstName, input.LastName, input.MobileNumber, input.Email, input.DateOfBirth,
            request.Headers[IdempotencyFilter.HeaderName].ToString() is { Length: > 0 } key ? key : null, ApiRequest.AsUtc(input.SendAt)), cancellationToken);
        return sent.Succeeded ? new ApiResult(StatusCodes.Status200OK, sent.Value!) : ApiResults.Problem(sent.Errors);
    }

    private static async Task<ApiResult> GetAsync(long id, IntegrationMessagingService messaging, CancellationToken cancellationToken)
    {
        var message = await messaging.GetAsync(id, cancellationToken);
        return message.Succeeded ? new ApiResult(StatusCodes.Status200OK, message.Value!) : ApiResults.Problem(message.Errors);
    }

    private static async Task<ApiResult> ListAsync(HttpRequest request, IntegrationMessagingService messaging, CancellationToken cancellationToken)
    {
        if (!TryQueryInt(request, "page", 1, out var page) || !TryQueryInt(request, "pageSize", 20, out var pageSize))
        {
            return ApiResults.Problem([Error.ForField(!TryQueryInt(request, "page", 1, out _) ? "page" : "pageSize", "page and pageSize must be whole numbers.")]);
        }

        var list = await messaging.ListAsync(page, pageSize, cancellationToken);
        return list.Succeeded ? new ApiResult(StatusCodes.Status200OK, list.Value!) : ApiResults.Problem(list.Errors);
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

    private static async Task<ApiResult> TemplatesAsync(ICurrentActor actor, TemplateService templates, CancellationToken cancellationToken)
    {
        var current = await actor.GetAsync(cancellationToken);
        var list = await templates.ListAsync(current.AccountId ?? 0, cancellationToken);
        return list.Succeeded ? new ApiResult(StatusCodes.Status200OK, list.Value!) : ApiResults.Problem(list.Errors);
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

using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Api;

/// <summary>The Integration API (<c>/api/v1/integration</c>, account-scoped keys, problem-details errors).</summary>
public static class IntegrationApiEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/messages/preview", PreviewAsync)
            .WithSummary("Encoding, segments and content checks for a message text (the Send dialog's lint).")
            .Produces<MessagePreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/ping", () => new ApiResult(StatusCodes.Status200OK, new { status = "ok" }))
            .WithSummary("Checks the key; does nothing else.")
            .ExcludeFromDescription();
    }

    public sealed record MessagePreviewRequest(string? Content);

    public sealed record MessagePreviewResponse(
        string Encoding, int Characters, int Segments, IReadOnlyList<string> NonGsmCharacters,
        IReadOnlyList<LintFinding> Blocked, IReadOnlyList<LintFinding> Warnings);

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

        var segments = SegmentCalculator.Calculate(body.Value.Content);
        var lint = ContentLint.Check(body.Value.Content);
        return new ApiResult(StatusCodes.Status200OK, new MessagePreviewResponse(
            segments.Encoding, segments.Characters, segments.Segments, segments.NonGsmCharacters, lint.Blocked, lint.Warnings));
    }
}

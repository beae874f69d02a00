using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Api;

/// <summary>The answer of an API endpoint: status, JSON body and content type (replayable by the idempotency filter).</summary>
public sealed class ApiResult(int statusCode, object body, string contentType = "application/json") : IResult, IStatusCodeHttpResult
{
    public int StatusCode { get; } = statusCode;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    public object Body { get; } = body;
    public string ContentType { get; } = contentType;

    public string Serialize() => Body is string raw ? raw : JsonSerializer.Serialize(Body, Body.GetType(), ApiJson.Options);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(Serialize(), httpContext.RequestAborted);
    }
}

/// <summary>DESIGN §6: each code's HTTP status, and the two error shapes (Partner API envelope, Integration API problem details).</summary>
public static class ApiResults
{
    public const string PartnerApiPrefix = "/api/io";

    public static int HttpStatusFor(int code) => code switch
    {
        ResultCodes.Ok => StatusCodes.Status200OK,
        ResultCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        ResultCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ResultCodes.ApiNotEnabled => StatusCodes.Status403Forbidden,
        ResultCodes.Forbidden => StatusCodes.Status403Forbidden,
        ResultCodes.NoProvider => StatusCodes.Status422UnprocessableEntity,
        ResultCodes.NumberNotVerified => StatusCodes.Status409Conflict,
        ResultCodes.BusinessInfoInsufficient => StatusCodes.Status422UnprocessableEntity,
        ResultCodes.NotFound => StatusCodes.Status404NotFound,
        ResultCodes.ContentBlocked => StatusCodes.Status422UnprocessableEntity,
        ResultCodes.OptedOut => StatusCodes.Status422UnprocessableEntity,
        ResultCodes.IdempotencyConflict => StatusCodes.Status409Conflict,
        ResultCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ResultCodes.AccountDeactivated => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static bool IsPartnerApi(PathString path) => path.StartsWithSegments(PartnerApiPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A failure in the shape of the API the path belongs to.</summary>
    public static ApiResult Failure(PathString path, params IReadOnlyList<Error> errors) =>
        IsPartnerApi(path) ? PartnerFailure(errors) : Problem(errors);

    public static ApiResult PartnerOk(PartnerApiResponse body) => new(StatusCodes.Status200OK, body);

    public static ApiResult PartnerFailure(IReadOnlyList<Error> errors)
    {
        var code = errors[0].Code;
        return new ApiResult(HttpStatusFor(code), new PartnerApiResponse
        {
            Successful = false,
            ResponseCode = code,
            ResponseMessage = MessageFor(errors),
            Errors = FieldErrors(errors),
            MissingFields = code == ResultCodes.BusinessInfoInsufficient ? MissingFields(errors) : null,
            Findings = code == ResultCodes.ContentBlocked ? Findings(errors) : null,
        });
    }

    /// <summary>application/problem+json with <c>code</c>, and <c>errors</c> or <c>missingFields</c> when they apply.</summary>
    public static ApiResult Problem(IReadOnlyList<Error> errors)
    {
        var code = errors[0].Code;
        var status = HttpStatusFor(code);
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://partnerportal.example/problems/{code}",
            ["title"] = ResultCodes.Titles.GetValueOrDefault(code, "Request failed."),
            ["status"] = status,
            ["detail"] = MessageFor(errors),
            ["code"] = code,
        };
        if (FieldErrors(errors) is { } fieldErrors)
        {
            body["errors"] = fieldErrors;
        }

        if (code == ResultCodes.BusinessInfoInsufficient)
        {
            body["missingFields"] = MissingFields(errors);
        }

        if (code == ResultCodes.ContentBlocked)
        {
            body["findings"] = Findings(errors);
        }

        return new ApiResult(status, body, "application/problem+json");
    }

    private static string MessageFor(IReadOnlyList<Error> errors)
    {
        var code = errors[0].Code;
        return code switch
        {
            _ when ResultCodes.HasFixedSentence(code) => ResultCodes.Titles[code],
            ResultCodes.ContentBlocked when errors.Count > 1 => string.Join(" ", errors.Select(e => e.Message)),
            ResultCodes.ValidationFailed when errors.Count > 1 =>
                $"Validation failed: {string.Join(" ", errors.Select(e => e.Message))}",
            _ => errors[0].Message,
        };
    }

    private static List<ApiFieldError>? FieldErrors(IReadOnlyList<Error> errors) =>
        errors[0].Code == ResultCodes.ValidationFailed
            ? errors.Select(e => new ApiFieldError(e.Field ?? "", e.Message)).ToList()
            : null;

    private static List<ApiContentFinding> Findings(IReadOnlyList<Error> errors) =>
        errors.Where(e => e.Code == ResultCodes.ContentBlocked)
            .Select(e => new ApiContentFinding(e.Source ?? "", e.Reason ?? "", e.Message))
            .ToList();

    private static List<ApiMissingField> MissingFields(IReadOnlyList<Error> errors) =>
        errors.Where(e => e.Field is not null)
            .Select(e => new ApiMissingField(e.Field!, e.Source ?? "account", e.Reason ?? "missing", e.Message))
            .ToList();
}

public sealed record ApiFieldError(string Field, string Message);

/// <summary>One content finding of a 4045 answer (the same findings <c>/messages/preview</c> and the Send dialog show).</summary>
public sealed record ApiContentFinding(string Rule, string Text, string Message);

public sealed record ApiMissingField(string Field, string Source, string Reason, string Message);

/// <summary>Every Partner API answer carries <c>successful</c>, <c>responseCode</c>, <c>responseMessage</c>.</summary>
public class PartnerApiResponse
{
    public bool Successful { get; init; } = true;
    public int ResponseCode { get; init; } = ResultCodes.Ok;
    public string ResponseMessage { get; init; } = "OK";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ApiFieldError>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ApiMissingField>? MissingFields { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ApiContentFinding>? Findings { get; init; }
}

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new UtcDateTimeConverter() },
    };

    /// <summary>
    /// Every timestamp the APIs answer is UTC and says so (<c>…Z</c>). The portal stores UTC, but both providers read
    /// timestamps back without a kind, which would otherwise be written without a zone, and an integrator would read
    /// them as local time (a message just sent answered <c>…Z</c>, the same message read back did not). Milliseconds, as
    /// seed 003 shows them (<c>2025-05-25T10:00:00.000Z</c>).
    /// </summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue((value.Kind switch
            {
                DateTimeKind.Utc => value,
                DateTimeKind.Local => value.ToUniversalTime(),
                _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            }).ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
    }
}

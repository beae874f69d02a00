using System.Text.Json;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Api;

/// <summary>
/// Reads a JSON body without letting any input become a 500: malformed JSON and wrong types come back as
/// 4000 naming the field (from the JSON path).
/// </summary>
public static class ApiRequest
{
    public const long MaxBodyBytes = 64 * 1024;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Error.ForField("body", $"The request body must be at most {MaxBodyBytes / 1024} KB.");
        }

        if (request.HasJsonContentType() is false && request.ContentLength > 0)
        {
            return Error.ForField("body", "The request body must be JSON (Content-Type: application/json).");
        }

        try
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }

            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
            return value is null
                ? Error.ForField("body", "The request body must be a JSON object.")
                : Result<T>.Ok(value);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            return field.Length == 0
                ? Error.ForField("body", "The request body is not valid JSON.")
                : Error.ForField(field, $"'{field}' has a value of the wrong type or is not valid JSON.");
        }
    }

    /// <summary>An API timestamp (<c>sendAt</c>) as UTC: with an offset it is converted, without one it is read as UTC.</summary>
    public static DateTime? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };

    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.TrimStart('$', '.');
}

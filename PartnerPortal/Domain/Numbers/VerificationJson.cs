using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPortal.Domain.Numbers;

/// <summary>Reads and writes the JSON kept on a <see cref="VerificationRequest"/> (enums as names).</summary>
public static class VerificationJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string WriteOutcome(IReadOnlyList<VerificationOutcomeNumber> numbers) => JsonSerializer.Serialize(numbers, Options);

    public static IReadOnlyList<VerificationOutcomeNumber> ReadOutcome(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<VerificationOutcomeNumber>>(json, Options) ?? [];
}

using System.Text.RegularExpressions;

namespace PartnerPortal.Domain.Templates;

/// <summary>The values a template's variables take for one recipient.</summary>
public sealed record TemplateValues(string? FirstName, string? LastName, string? PracticeName);

/// <summary>
/// Resolves <c>{{firstName}}</c>, <c>{{lastName}}</c>, <c>{{fullName}}</c> and <c>{{practiceName}}</c>
/// (any case, spaces inside the braces allowed). Unknown variables are left as they are; a known variable
/// without a value becomes empty.
/// </summary>
public static partial class TemplateVariables
{
    public static IReadOnlyList<string> Known { get; } = ["firstName", "lastName", "fullName", "practiceName"];

    public static string Resolve(string body, TemplateValues values)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        return VariableRegex().Replace(body, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "firstname" => values.FirstName?.Trim() ?? "",
            "lastname" => values.LastName?.Trim() ?? "",
            "fullname" => string.Join(' ', new[] { values.FirstName, values.LastName }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())),
            "practicename" => values.PracticeName?.Trim() ?? "",
            _ => match.Value,
        });
    }

    /// <summary>Whether <paramref name="text"/> still holds a known variable (e.g. no recipient chosen yet).</summary>
    public static bool HasKnownVariables(string? text) =>
        text is not null && VariableRegex().Matches(text).Any(m => Known.Contains(m.Groups["name"].Value, StringComparer.OrdinalIgnoreCase));

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariableRegex();
}

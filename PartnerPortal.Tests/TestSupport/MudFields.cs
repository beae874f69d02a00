using AngleSharp.Dom;
using Bunit;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>Finds MudBlazor inputs by their visible label, as a user would.</summary>
public static class MudFields
{
    /// <summary>The <c>mud-input-control</c> whose label reads <paramref name="label"/> (its input, label and messages).</summary>
    public static IElement Field<T>(this IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.FindAll(".mud-input-control")
            .SingleOrDefault(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label)
        ?? throw new InvalidOperationException($"No field labelled '{label}'.");

    /// <summary>The input of the field labelled <paramref name="label"/>.</summary>
    public static IElement Input<T>(this IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Field(label).QuerySelector("input") ?? throw new InvalidOperationException($"Field '{label}' has no input.");
}

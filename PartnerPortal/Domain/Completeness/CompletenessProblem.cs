namespace PartnerPortal.Domain.Completeness;

/// <summary>One reason why an account's SMS business details are incomplete.</summary>
/// <param name="Field">The camelCase key used by the APIs, e.g. <c>"address1"</c> (see <see cref="CompletenessFields"/>).</param>
/// <param name="Label">What people read, e.g. <c>"Street Address"</c>.</param>
/// <param name="Where">Where the value has to be fixed.</param>
/// <param name="Reason">Whether the value is missing or invalid.</param>
/// <param name="Message">One sentence naming the field, where to fix it and why.</param>
public sealed record CompletenessProblem(string Field, string Label, FixLocation Where, ProblemReason Reason, string Message);

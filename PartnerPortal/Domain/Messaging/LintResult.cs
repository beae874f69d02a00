namespace PartnerPortal.Domain.Messaging;

/// <summary>The outcome of <see cref="ContentLint.Check"/>.</summary>
/// <param name="Blocked">Findings that stop the text from being sent.</param>
/// <param name="Warnings">Findings the user must confirm before sending.</param>
public sealed record LintResult(IReadOnlyList<LintFinding> Blocked, IReadOnlyList<LintFinding> Warnings)
{
    /// <summary>Whether any finding stops the text from being sent.</summary>
    public bool IsBlocked => Blocked.Count > 0;

    /// <summary>Whether any finding needs the user's confirmation.</summary>
    public bool HasWarnings => Warnings.Count > 0;
}

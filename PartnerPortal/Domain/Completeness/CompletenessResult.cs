namespace PartnerPortal.Domain.Completeness;

/// <summary>The outcome of <see cref="SmsBusinessDetailsRule.Evaluate"/>.</summary>
/// <param name="IsComplete">True when there are no problems.</param>
/// <param name="Problems">The problems, ordered: account fields, website, partner fields.</param>
/// <param name="ResolvedWebsite">The trimmed website that will be submitted, or null when none is usable.</param>
/// <param name="WebsiteSource">Where <paramref name="ResolvedWebsite"/> comes from.</param>
public sealed record CompletenessResult(bool IsComplete, IReadOnlyList<CompletenessProblem> Problems, string? ResolvedWebsite, WebsiteSource WebsiteSource)
{
    /// <summary>True when the website falls back to the partner's website (shown with <see cref="PartnerWebsiteWarning"/>).</summary>
    public bool UsesPartnerWebsite => WebsiteSource == WebsiteSource.Partner;

    /// <summary>The flag shown when the partner's website is used for an account.</summary>
    public const string PartnerWebsiteWarning = "uses partner website — higher rejection risk";
}

namespace PartnerPortal.Domain.Completeness;

/// <summary>Where the website submitted for verification comes from.</summary>
public enum WebsiteSource
{
    /// <summary>The account's Website URL.</summary>
    Account,

    /// <summary>The account's Alternative Website URL.</summary>
    AlternativeWebsite,

    /// <summary>The partner's website (allowed, but flagged: higher rejection risk).</summary>
    Partner,

    /// <summary>No usable website: it is missing everywhere, or the one that would be used is invalid.</summary>
    None,
}

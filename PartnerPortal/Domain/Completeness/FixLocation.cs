namespace PartnerPortal.Domain.Completeness;

/// <summary>Where a completeness problem has to be fixed.</summary>
public enum FixLocation
{
    /// <summary>The account (practice) information.</summary>
    Account,

    /// <summary>The partner's business details.</summary>
    Partner,
}

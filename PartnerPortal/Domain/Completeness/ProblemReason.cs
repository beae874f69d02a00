namespace PartnerPortal.Domain.Completeness;

/// <summary>Why a field stops the SMS business details from being complete.</summary>
public enum ProblemReason
{
    /// <summary>The value is absent, empty or whitespace only.</summary>
    Missing,

    /// <summary>The value is present but not in a valid form.</summary>
    Invalid,
}

namespace PartnerPortal.Domain.Partners;

/// <summary>One row of the Operator's Partners list.</summary>
/// <param name="CompleteAccounts">Accounts whose SMS Business Details are complete.</param>
/// <param name="HasAdmin">True when the partner has an enabled PartnerAdmin (then "Create first admin" is not offered).</param>
public sealed record PartnerSummary(
    int Id,
    string Slug,
    string DisplayName,
    string? CorporateWebsite,
    bool SmsApiEnabled,
    bool IsActive,
    int CompleteAccounts,
    int IncompleteAccounts,
    bool HasAdmin);

/// <summary>A partner as an Operator creates or edits it. <see cref="Slug"/> is only read on creation (it never changes).</summary>
public sealed record PartnerInput(
    string? Slug,
    string? DisplayName,
    string? CorporateWebsite,
    BusinessDetailsUpdate BusinessDetails);

/// <summary>A partner with its business details, for the Partners page's edit form.</summary>
public sealed record PartnerProfile(
    int Id,
    string Slug,
    string DisplayName,
    string? CorporateWebsite,
    bool SmsApiEnabled,
    bool IsActive,
    PartnerDetails BusinessDetails)
{
    public PartnerInput ToInput() => new(Slug, DisplayName, CorporateWebsite, BusinessDetails.ToUpdate());
}

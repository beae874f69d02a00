using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Tests.Domain.Completeness;

internal static class CompletenessTestData
{
    public static AccountBusinessInfo CompleteAccount { get; } = new(
        BusinessName: "Riverside Family Dental",
        Address1: "100 Main St",
        Address2: null,
        City: "Columbus",
        State: "OH",
        PostalCode: "43215",
        CountryCode: "US",
        WebsiteUrl: "https://riverside-dental.example.com",
        AlternativeWebsiteUrl: null);

    public static PartnerContactInfo CompletePartner { get; } = new(
        Website: "https://northwind-ehr.example.com",
        ContactFirstName: "Dana",
        ContactLastName: "Reyes",
        ContactEmail: "dana.reyes@northwind-ehr.example.com",
        ContactPhone: "+16145550123");

    public static AccountBusinessInfo AccountWith(string field, string? value) => field switch
    {
        "businessName" => CompleteAccount with { BusinessName = value },
        "address1" => CompleteAccount with { Address1 = value },
        "city" => CompleteAccount with { City = value },
        "state" => CompleteAccount with { State = value },
        "postalCode" => CompleteAccount with { PostalCode = value },
        "countryCode" => CompleteAccount with { CountryCode = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static PartnerContactInfo PartnerWith(string field, string? value) => field switch
    {
        "contactFirstName" => CompletePartner with { ContactFirstName = value },
        "contactLastName" => CompletePartner with { ContactLastName = value },
        "contactEmail" => CompletePartner with { ContactEmail = value },
        "contactPhone" => CompletePartner with { ContactPhone = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}

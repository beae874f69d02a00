namespace PartnerPortal.Domain.Completeness;

/// <summary>The field keys and labels used in <see cref="CompletenessProblem"/>.</summary>
public static class CompletenessFields
{
    public const string BusinessName = "businessName";
    public const string Address1 = "address1";
    public const string City = "city";
    public const string State = "state";
    public const string PostalCode = "postalCode";
    public const string CountryCode = "countryCode";
    public const string Website = "website";
    public const string ContactFirstName = "contactFirstName";
    public const string ContactLastName = "contactLastName";
    public const string ContactEmail = "contactEmail";
    public const string ContactPhone = "contactPhone";

    /// <summary>Every field key in problem order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BusinessName, Address1, City, State, PostalCode, CountryCode, Website,
        ContactFirstName, ContactLastName, ContactEmail, ContactPhone,
    ];

    /// <summary>The label people read for a field key, e.g. <c>"address1"</c> → <c>"Street Address"</c>.</summary>
    public static string LabelFor(string field) => field switch
    {
        BusinessName => "Business Name",
        Address1 => "Street Address",
        City => "City",
        State => "State",
        PostalCode => "Postal Code",
        CountryCode => "Country",
        Website => "Website",
        ContactFirstName => "Contact First Name",
        ContactLastName => "Contact Last Name",
        ContactEmail => "Contact Email",
        ContactPhone => "Contact Phone",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown completeness field."),
    };
}

namespace PartnerPortal.Domain.Accounts;

public enum LocationKind
{
    Location,
    Queue,
}

public class Location
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public Account Account { get; set; } = null!;

    /// <summary>The partner's id of the location (<c>locationId</c> in the APIs).</summary>
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public LocationKind Kind { get; set; }
    public bool IsDefault { get; set; }
    public int SortOrder { get; set; }

    /// <summary>When it was deactivated (null: active). A deactivated location keeps its messages but is not offered for sending.</summary>
    public DateTime? DeactivatedAt { get; set; }

    public SmsNumber? SmsNumber { get; set; }
}

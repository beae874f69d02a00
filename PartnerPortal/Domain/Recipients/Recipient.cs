namespace PartnerPortal.Domain.Recipients;

public enum RecipientKind
{
    Patient,
    Contact,
}

/// <summary>An entry of an account's address book.</summary>
public class Recipient
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public RecipientKind Kind { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Mobile number in E.164.</summary>
    public string? Mobile { get; set; }
    public string? Email { get; set; }

    /// <summary>The external patient id used by the Integration API.</summary>
    public string? ProviderId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

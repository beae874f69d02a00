namespace PartnerPortal.Domain.Audit;

public enum ActorKind
{
    User,
    ApiKey,
    System,
}

/// <summary>One link of the audit hash chain. Never holds message content or other PHI.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public int? PartnerId { get; set; }
    public int? AccountId { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public required string Summary { get; set; }

    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string? ChangesJson { get; set; }
    public string? IpAddress { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

public sealed record FieldChange(string Field, string? Before, string? After);

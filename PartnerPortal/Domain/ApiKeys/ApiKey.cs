namespace PartnerPortal.Domain.ApiKeys;

public enum ApiKeyScope
{
    /// <summary>The Partner API (<c>/api/io</c>): acts for the whole partner.</summary>
    Partner,

    /// <summary>The Integration API (<c>/api/v1/integration</c>): acts for one account.</summary>
    Account,
}

/// <summary>An API key: shown once at creation, stored as a SHA-256 hash with a visible prefix, revocable.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public int? AccountId { get; set; }
    public ApiKeyScope Scope { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>The first answer to a POST with an <c>Idempotency-Key</c>, replayed for a retry with the same body.</summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    public int ApiKeyId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int? StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? ContentType { get; set; }
    public DateTime CreatedAt { get; set; }
}

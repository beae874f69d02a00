namespace PartnerPortal.Domain.Templates;

/// <summary>A practice's message template; the body may hold variables such as <c>{{firstName}}</c>.</summary>
public class Template
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Name { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

namespace PartnerPortal.Domain.Forms;

/// <summary>A partner's form ("Form Key"): a name and an https link the Send dialog can add to a message.</summary>
public class Form
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

namespace PartnerPortal.Domain.Messaging;

/// <summary>A phone number that replied STOP (or another opt-out keyword) to an account; removed by START.</summary>
public class OptOut
{
    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; set; }

    /// <summary>The keyword the recipient replied with, e.g. <c>STOP</c>.</summary>
    public required string Keyword { get; set; }
    public DateTime OptedOutAt { get; set; }
}

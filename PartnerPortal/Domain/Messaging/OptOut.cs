namespace PartnerPortal.Domain.Messaging;

/// <summary>A phone number that replied STOP (or another opt-out keyword) to an account; removed by START.</summary>
public class OptOut
{
    /// <summary>The keyword of an opt-out by a reply whose clear intent was to stop texts (<see cref="Delivery.OptOutIntent"/>).</summary>
    public const string ByIntent = "INTENT";

    /// <summary>The keyword of an opt-out staff confirmed in the Opt-out review.</summary>
    public const string ByReview = "REVIEW";

    /// <summary>How a refusal or list names the opt-out: "replied STOP", or "asked by reply to stop texts".</summary>
    public static string Describe(string keyword) => keyword switch
    {
        ByIntent => "asked by reply to stop texts",
        ByReview => "a reply confirmed as an opt-out by staff",
        _ => $"replied {keyword}",
    };

    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; set; }

    /// <summary>The keyword the recipient replied with, e.g. <c>STOP</c>; <see cref="ByIntent"/> or <see cref="ByReview"/> for other replies.</summary>
    public required string Keyword { get; set; }
    public DateTime OptedOutAt { get; set; }

    /// <summary>Why a reply that was not a keyword opted out: the <see cref="Delivery.OptOutIntent"/> rule, or who confirmed it in review.</summary>
    public string? Reason { get; set; }
}

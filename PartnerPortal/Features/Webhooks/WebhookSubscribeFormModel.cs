using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Features.Webhooks;

public sealed class WebhookSubscribeFormModel
{
    [Required(ErrorMessage = "Enter the URL of your endpoint.")]
    [StringLength(2000, ErrorMessage = "The URL can have at most {1} characters.")]
    public string Url { get; set; } = "";

    public string EventType { get; set; } = Domain.Webhooks.WebhookEvents.VerificationStatus;

    [StringLength(100, ErrorMessage = "The accountId can have at most {1} characters.")]
    public string? AccountId { get; set; }

    public bool IncludeContent { get; set; }
}

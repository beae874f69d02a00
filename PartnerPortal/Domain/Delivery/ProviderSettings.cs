namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// An account's SMS Settings (DESIGN §5): where its texts are posted and how the provider calls back.
/// No <see cref="ProviderUrl"/> means the account uses the built-in simulated provider (when enabled).
/// The password and the callback secret are stored protected with ASP.NET Core Data Protection.
/// </summary>
public class ProviderSettings
{
    public int Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The provider's https endpoint messages are POSTed to; null → the built-in simulated provider.</summary>
    public string? ProviderUrl { get; set; }
    public bool UseAuthentication { get; set; }

    /// <summary>The Basic authentication login (letters, digits and <c>_ + . @ -</c>).</summary>
    public string? Login { get; set; }

    /// <summary>The Basic authentication password, protected; never shown again and never logged.</summary>
    public string? ProtectedPassword { get; set; }

    /// <summary>Optional sender name; without one the provider's <c>type</c> is MARKETING.</summary>
    public string? SenderName { get; set; }

    /// <summary>The secret the provider signs status callbacks and inbound texts with (HMAC-SHA256), protected.</summary>
    public required string ProtectedCallbackSecret { get; set; }

    public DateTime? LastTestAt { get; set; }
    public bool? LastTestSucceeded { get; set; }
    public string? LastTestResult { get; set; }

    /// <summary>Callbacks for this account refused as forged, stale or replayed.</summary>
    public long RefusedCallbacks { get; set; }
    public DateTime? LastRefusedCallbackAt { get; set; }
    public string? LastRefusedCallbackReason { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

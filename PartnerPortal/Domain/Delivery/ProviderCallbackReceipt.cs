namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// A signature of an accepted provider callback, remembered for the timestamp window so that the
/// same signed request is refused when it is replayed. Rows older than twice the window are purged.
/// </summary>
public class ProviderCallbackReceipt
{
    public long Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>SHA-256 (hex) of the signature header.</summary>
    public required string SignatureHash { get; set; }
    public DateTime ReceivedAt { get; set; }
}

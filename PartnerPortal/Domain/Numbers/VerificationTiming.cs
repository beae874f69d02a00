namespace PartnerPortal.Domain.Numbers;

/// <summary>What a user is told after a verification request (Send dialog, account page, both APIs' 4035 documentation).</summary>
public static class VerificationTiming
{
    public const string Note = "Verification usually takes 2–3 business days.";
}

namespace PartnerPortal.Domain.Delivery;

public sealed record ProviderSettingsDetails(
    int AccountId,
    string AccountName,
    string? ProviderUrl,
    bool UseAuthentication,
    string? Login,
    bool HasPassword,
    string? SenderName,
    string MessageType,
    string CallbackAccount,
    string CallbackSecret,
    DateTime? LastTestAt,
    bool? LastTestSucceeded,
    string? LastTestResult,
    long RefusedCallbacks,
    DateTime? LastRefusedCallbackAt,
    string? LastRefusedCallbackReason,
    bool SimulatedProviderEnabled,
    DateTime? UpdatedAt,
    string? UpdatedBy)
{
    /// <summary>True when the account's texts go to the built-in simulated provider.</summary>
    public bool UsesSimulatedProvider => ProviderUrl is null && SimulatedProviderEnabled;

    /// <summary>DESIGN §4 step 7: no provider URL and the simulated provider off, so sends are refused with 4060.</summary>
    public bool HasNoProvider => ProviderUrl is null && !SimulatedProviderEnabled;

    /// <summary>False for readers (SupportAgent): the page shows the settings without change buttons, secrets masked.</summary>
    public bool CanChange { get; init; } = true;
}

/// <summary>The SMS Settings at a glance, for the account page.</summary>
public sealed record ProviderSettingsSummary(
    int AccountId,
    string? ProviderUrl,
    string? SenderName,
    string MessageType,
    bool SimulatedProviderEnabled,
    DateTime? LastTestAt,
    bool? LastTestSucceeded,
    string? LastTestResult,
    long RefusedCallbacks)
{
    public bool UsesSimulatedProvider => ProviderUrl is null && SimulatedProviderEnabled;

    /// <summary>DESIGN §4 step 7: no provider URL and the simulated provider off, so sends are refused with 4060.</summary>
    public bool HasNoProvider => ProviderUrl is null && !SimulatedProviderEnabled;
}

namespace PartnerPortal.Domain.Delivery;

/// <summary>The provider URL and the credentials to try (the password in clear, only for the request).</summary>
public sealed record ProviderConnection(Uri Url, string? Login, string? Password);

/// <summary>The outcome of Test connection, as shown and kept on the SMS Settings page.</summary>
public sealed record ConnectionTestResult(bool Succeeded, string Message, int? HttpStatus, DateTime TestedAt);

/// <summary>Makes a real request to a provider URL with the credentials (SMS Settings' Test connection).</summary>
public interface IProviderConnectionTester
{
    Task<ConnectionTestResult> TestAsync(ProviderConnection connection, DateTime now, CancellationToken cancellationToken);
}

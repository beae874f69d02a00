using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The per-process secret that proves a request to the simulated provider came from this app's own dispatcher
/// (DESIGN §8): random at start-up, never stored or logged, added by the simulated HTTP client
/// (<see cref="DeliveryHttp.CreateSimulatedHandler"/>) and checked in constant time by the endpoint. Without it
/// anyone could make the provider report DELIVERED or FAILED, signed with an account's real callback secret.
/// </summary>
public static class SimulatedProviderKey
{
    public const string HeaderName = "X-Simulated-Provider-Key";

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static string Value { get; } = Convert.ToBase64String(Key);

    public static bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing both sides gives equal lengths, so the comparison time says nothing about the key.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(Value));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Adds the key to the app's requests to its own simulated provider, and to nothing else.</summary>
    internal sealed class AddingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == SimulatedProviderAddress.MessagesPath)
            {
                request.Headers.Remove(HeaderName);
                request.Headers.Add(HeaderName, Value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

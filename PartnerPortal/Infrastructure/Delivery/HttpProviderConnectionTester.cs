using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// Test connection: a real GET to the provider URL with the Basic credentials, over the provider client
/// (public addresses only, unless allowed). Any answer but 401/403/407, 404, 3xx or 5xx counts as reachable
/// (a provider endpoint made for POST may well answer GET with 400 or 405). Nothing is sent to anyone.
/// </summary>
public sealed class HttpProviderConnectionTester(IHttpClientFactory httpClients, TimeProvider time) : IProviderConnectionTester
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<ConnectionTestResult> TestAsync(ProviderConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var request = new HttpRequestMessage(HttpMethod.Get, connection.Url);
        if (connection.Login is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.Login}:{connection.Password}")));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = time.GetTimestamp();
        try
        {
            using var response = await httpClients.CreateClient(DeliveryHttp.ProviderClient)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            var answered = $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".Trim();
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            return code switch
            {
                401 or 403 or 407 => new(false, $"The provider refused the credentials ({answered}).", code, now),
                404 => new(false, $"The provider answered {answered}: check the URL's path.", code, now),
                >= 300 and < 400 => new(false, $"The provider redirected ({answered}) to {response.Headers.Location}: enter the final URL.", code, now),
                >= 500 => new(false, $"The provider answered {answered}: it is not working right now.", code, now),
                _ => new(true, $"Connected: the provider answered {answered} in {elapsed} ms.", code, now),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"No answer within {Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s.", null, now);
        }
        catch (HttpRequestException exception)
        {
            var message = exception.Message.Length > 300 ? exception.Message[..300] : exception.Message;
            return new(false, $"Could not connect: {message}", null, now);
        }
    }
}

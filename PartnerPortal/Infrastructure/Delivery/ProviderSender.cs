using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The dispatcher's send: one claimed message to its provider as one JSON document (<see cref="ProviderMessage"/>) with
/// Basic authentication when set, or a Secure Text's notice (never its content). 2xx → Sent; 4xx → Rejected with the
/// reason; 5xx, 408, 429, timeouts and connection errors → Error (retried by the record step).
/// </summary>
internal sealed class ProviderSender(IHttpClientFactory httpClients, SecureLinkService secureLinks, IOptions<DeliveryOptions> options, ILogger logger)
{
    // A provider's error body is read up to this many bytes (its reason is kept to 300 characters anyway).
    private const int MaxErrorBodyBytes = 4 * 1024;

    public async Task<Outcome> SendAsync(WorkItem item)
    {
        var timeout = options.Value.Timeout;
        try
        {
            if (item.Kind == MessageKind.SecureText && item.NotifyMethod == NotifyMethod.Email)
            {
                var emailed = await secureLinks.DeliverEmailNoticeAsync(item.MessageId, CancellationToken.None);
                return emailed.Succeeded
                    ? new Outcome(item, OutcomeKind.EmailSent, null, null)
                    : new Outcome(item, OutcomeKind.Rejected, null, emailed.FirstError!.Message);
            }

            if (item.OptedOut)
            {
                return new Outcome(item, OutcomeKind.OptedOut, null, MessageDispatcher.OptedOutReason);
            }

            if (item.Target.Problem is { } problem)
            {
                return new Outcome(item, OutcomeKind.Error, null, problem);
            }

            if (string.IsNullOrEmpty(item.ToNumber))
            {
                return new Outcome(item, OutcomeKind.Rejected, null, "The message has no mobile number to send to.");
            }

            var text = item.Content;
            var isUnicode = item.Encoding == SegmentCalculator.Ucs2;
            var credits = item.Segments;
            if (item.Kind == MessageKind.SecureText)
            {
                // Only the generic notice is texted, never the content (HIPAA); a new link token per attempt.
                var notice = await secureLinks.IssueNoticeAsync(item.MessageId, CancellationToken.None);
                if (!notice.Succeeded)
                {
                    return new Outcome(item, OutcomeKind.Rejected, null, notice.FirstError!.Message);
                }

                text = notice.Value!.SmsText;
                if (item.NotifyMethod == NotifyMethod.Both && item.AttemptNumber == 1)
                {
                    // The same notice and link by email too; once, not on every retry of the SMS.
                    await secureLinks.EmailNoticeAsync(item.MessageId, notice.Value, CancellationToken.None);
                }
                var counted = SegmentCalculator.Calculate(text);
                (isUnicode, credits) = (counted.IsUnicode, counted.Segments);
            }

            var payload = new ProviderMessage(
                item.Target.Type == MessageType.Marketing ? ProviderMessage.Marketing : ProviderMessage.Notification,
                // INO CX reads "no sender ⇒ MARKETING": without a sender name the field is left out, never a number.
                item.Target.Type == MessageType.Marketing ? null : item.Target.SenderName,
                item.ToNumber,
                item.MessageId.ToString(CultureInfo.InvariantCulture),
                isUnicode,
                text,
                credits);
            using var request = new HttpRequestMessage(HttpMethod.Post, item.Target.Url)
            {
                Content = new SingleSendContent(payload.ToJson()),
            };
            request.Headers.Authorization = item.Target.Authorization;
            using var timer = new CancellationTokenSource(timeout);
            var client = httpClients.CreateClient(item.Target.Simulated ? DeliveryHttp.SimulatedClient : DeliveryHttp.ProviderClient);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300)
            {
                return new Outcome(item, OutcomeKind.Sent, code, null);
            }

            var reason = Truncate($"HTTP {code} {await ReasonAsync(response, timer.Token)}".Trim(), 1000);
            return code is 408 or 429 or >= 500
                ? new Outcome(item, OutcomeKind.Error, code, reason)
                : new Outcome(item, OutcomeKind.Rejected, code, reason);
        }
        catch (OperationCanceledException)
        {
            return new Outcome(item, OutcomeKind.Error, null, $"No answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception)
        {
            return new Outcome(item, OutcomeKind.Error, null, Truncate($"Could not connect: {exception.Message}", 1000));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sending message {MessageId} failed unexpectedly", item.MessageId);
            return new Outcome(item, OutcomeKind.Error, null, $"Unexpected error ({exception.GetType().Name}).");
        }
    }

    /// <summary>The provider's reason: a JSON <c>reason</c>/<c>message</c>/<c>error</c>/<c>detail</c>, else the start of the body, else the reason phrase.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            // At most a few KB: a provider (or whatever answers at its address) may send an endless body.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            body = Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            body = "";
        }

        if (body.StartsWith('{'))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                foreach (var name in new[] { "reason", "message", "error", "detail", "title" })
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return body.Length > 0 ? Truncate(body, 300) : response.ReasonPhrase ?? "";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

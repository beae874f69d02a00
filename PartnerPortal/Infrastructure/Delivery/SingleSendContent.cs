using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// A JSON body that can be written to the wire once. SocketsHttpHandler may transparently re-send a request
/// on a new connection when a pooled connection fails under it, which it does when it believes the request
/// was not processed; for a message that belief is not enough. With this content such a re-send fails
/// instead, and the dispatcher decides (a recorded attempt, backoff, the same retId): no request is ever
/// repeated behind the dispatcher's back.
/// </summary>
public sealed class SingleSendContent : HttpContent
{
    private readonly byte[] _body;
    private int _sent;

    public SingleSendContent(string json)
    {
        _body = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <summary>True when the handler tried to send the body a second time (and was refused).</summary>
    public bool ResendRefused { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _sent, 1) == 1)
        {
            ResendRefused = true;
            throw new HttpRequestException("The connection closed before the provider answered; the request is not re-sent automatically.");
        }

        await stream.WriteAsync(_body, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}

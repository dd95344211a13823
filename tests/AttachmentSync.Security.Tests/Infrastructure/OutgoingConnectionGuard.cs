using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Http;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// Sits at the socket level of every HttpClient the service builds: records each connection it tries to
/// open and opens only those to 127.0.0.1 on an allowed port. Any other destination is recorded and refused
/// before a packet leaves, so a test never sends traffic off this machine even if the service misbehaves.
/// </summary>
public sealed class OutgoingConnectionGuard : IHttpMessageHandlerBuilderFilter
{
    private readonly ConcurrentQueue<string> _attempts = new();
    private readonly ConcurrentDictionary<int, bool> _allowedPorts = new();

    /// <summary>Every host:port the service tried to connect to.</summary>
    public IReadOnlyCollection<string> Attempts => _attempts;

    public void Allow(int port) => _allowedPorts[port] = true;

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.PrimaryHandler is SocketsHttpHandler sockets)
        {
            sockets.ConnectCallback = ConnectAsync;
        }
        else
        {
            throw new InvalidOperationException($"The primary handler is {builder.PrimaryHandler.GetType().Name}; " +
                                                "the guard needs a SocketsHttpHandler.");
        }
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        _attempts.Enqueue($"{endpoint.Host}:{endpoint.Port}");
        if (endpoint.Host != "127.0.0.1" || !_allowedPorts.ContainsKey(endpoint.Port))
        {
            throw new HttpRequestException($"The test guard refused a connection to {endpoint.Host}:{endpoint.Port}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

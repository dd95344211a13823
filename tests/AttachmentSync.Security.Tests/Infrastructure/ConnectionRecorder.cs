using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// A TCP listener on 127.0.0.1 and a free port that records every connection and closes it at once.
/// Payload URLs point here; any connection means the service followed a URL it was sent.
/// </summary>
public sealed class ConnectionRecorder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<EndPoint?> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ConnectionRecorder()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionCount => _connections.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _connections.Enqueue(client.Client.RemoteEndPoint);
            }
            catch (SocketException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class ResilienceTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Upload_survives_server_restart()
    {
        var payload = RandomBytes(1000);
        string url;
        await using (var first = await TusTestServer.StartAsync(directory.Path))
        {
            url = await first.Client.CreateUploadAsync(payload.Length, $"filename {Base64("run.log")}");
            using var patch = await first.Client.SendAsync(Patch(url, 0, payload[..300]));
            Assert.Equal("300", patch.Header("Upload-Offset"));
        }

        await using var second = await TusTestServer.StartAsync(directory.Path);
        using var head = await second.Client.HeadAsync(url);
        using var rest = await second.Client.SendAsync(Patch(url, 300, payload[300..]));

        Assert.Equal("300", head.Header("Upload-Offset"));
        Assert.Equal("1000", head.Header("Upload-Length"));
        Assert.Equal($"filename {Base64("run.log")}", head.Header("Upload-Metadata"));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        var completed = Assert.Single(second.Completions.Calls);
        Assert.Equal(payload, File.ReadAllBytes(second.DataPath(completed.Id)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dropped_connection_keeps_received_bytes(bool reset)
    {
        await using var server = await TusTestServer.StartAsync(directory.Path);
        var url = await server.Client.CreateUploadAsync(1000);
        var id = url.Split('/')[^1];
        var payload = RandomBytes(400);

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(server.Client.BaseAddress!.Host, server.Client.BaseAddress.Port);
            var head = $"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                + $"Content-Type: {OffsetOctetStream}\r\nUpload-Offset: 0\r\nContent-Length: 1000\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await socket.SendAsync(payload);

            // The server writes each buffer as it arrives, so the data file shows what it has read.
            await Eventually.TrueAsync(() => new FileInfo(server.DataPath(id)).Length == 400);
            if (reset)
            {
                socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }

        await Eventually.TrueAsync(async () => await server.Client.GetOffsetAsync(url) == 400);
        using var rest = await server.Client.SendAsync(Patch(url, 400, RandomBytes(600)));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(payload, File.ReadAllBytes(server.DataPath(id))[..400]);
        Assert.Contains($"progress:{id}:400", server.Events.Events);
    }

    [Fact]
    public async Task Long_patch_persists_offset_while_running()
    {
        const int checkpoint = 16 * 1024 * 1024;
        await using var server = await TusTestServer.StartAsync(
            directory.Path, options => options.MaxSize = 2L * checkpoint);
        var url = await server.Client.CreateUploadAsync(2L * checkpoint);
        var gate = new TaskCompletionSource();
        using var request = Patch(url, 0, []);
        request.Content = new GatedContent(RandomBytes(2 * checkpoint), firstPart: checkpoint + 1000, gate.Task);
        request.Content.Headers.ContentType = new(OffsetOctetStream);
        var patch = server.Client.SendAsync(request);

        // HEAD reads the persisted offset, which moves at each checkpoint of a running request.
        await Eventually.TrueAsync(async () => await server.Client.GetOffsetAsync(url) >= checkpoint);
        var offsetWhileRunning = await server.Client.GetOffsetAsync(url);
        gate.SetResult();
        using var response = await patch;

        Assert.InRange(offsetWhileRunning, checkpoint, checkpoint + 1000);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2L * checkpoint, await server.Client.GetOffsetAsync(url));
    }

    [Fact]
    public async Task Concurrent_patch_returns_423()
    {
        await using var server = await TusTestServer.StartAsync(directory.Path);
        var url = await server.Client.CreateUploadAsync(100);
        var gate = new TaskCompletionSource();
        using var slowRequest = Patch(url, 0, []);
        slowRequest.Content = new GatedContent(RandomBytes(100), firstPart: 10, gate.Task);
        slowRequest.Content.Headers.ContentType = new(OffsetOctetStream);
        var slow = server.Client.SendAsync(slowRequest);

        // A wrong offset gets 409 while the upload is free and 423 once the slow request has locked it.
        await Eventually.TrueAsync(async () =>
        {
            using var probe = await server.Client.SendAsync(Patch(url, 99, [1]));
            return probe.StatusCode == HttpStatusCode.Locked;
        });
        using var concurrent = await server.Client.SendAsync(Patch(url, 0, RandomBytes(100)));
        using var delete = await server.Client.SendAsync(Request(HttpMethod.Delete, url));
        gate.SetResult();
        using var slowResponse = await slow;

        var problem = await concurrent.ReadProblemAsync(423);
        Assert.Contains(url.Split('/')[^1], problem.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Locked, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, slowResponse.StatusCode);
        Assert.Equal(100, await server.Client.GetOffsetAsync(url));
    }

    /// <summary>Request body that sends its first bytes, then waits for a gate before sending the rest.</summary>
    private sealed class GatedContent(byte[] body, int firstPart, Task gate) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, firstPart));
            await stream.FlushAsync();
            await gate;
            await stream.WriteAsync(body.AsMemory(firstPart));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

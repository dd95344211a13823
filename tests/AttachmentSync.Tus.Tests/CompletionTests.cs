using System.Net;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class CompletionTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Repeated_final_patch_completes_once()
    {
        await using var server = await TusTestServer.StartAsync(directory.Path);
        var url = await server.Client.CreateUploadAsync(4);
        var id = url.Split('/')[^1];
        using var first = await server.Client.SendAsync(Patch(url, 0, [1, 2]));

        using var final = await server.Client.SendAsync(Patch(url, 2, [3, 4]));
        using var repeated = await server.Client.SendAsync(Patch(url, 2, [3, 4]));
        using var empty = await server.Client.SendAsync(Patch(url, 4, []));
        var concurrent = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => server.Client.SendAsync(Patch(url, 4, []))));

        Assert.Equal(HttpStatusCode.NoContent, final.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Equal("4", empty.Header("Upload-Offset"));
        Assert.All(concurrent, r => Assert.Contains((int)r.StatusCode, new[] { 204, 423 }));
        Assert.Equal(1, server.Completions.CountFor(id));
        var completed = Assert.Single(server.Completions.Calls);
        Assert.Equal(4, completed.Offset);
        Assert.Equal(4, completed.Length);
    }

    [Fact]
    public async Task Completion_handler_reads_stored_bytes()
    {
        var payload = RandomBytes(300_000);
        byte[]? stored = null;
        var handler = new DelegateCompletionHandler(async (upload, store) =>
        {
            await using var stream = await store.OpenReadAsync(upload.Id, CancellationToken.None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            stored = copy.ToArray();
        });
        await using var server = await TusTestServer.StartAsync(directory.Path, completionHandler: handler);
        handler.Store = server.Store;
        var url = await server.Client.CreateUploadAsync(payload.Length);

        using var patch = await server.Client.SendAsync(Patch(url, 0, payload));

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal(payload, stored);
    }

    [Fact]
    public async Task Failed_handler_runs_again_after_restart()
    {
        string id;
        var failing = new RecordingCompletionHandler { Throw = true };
        await using (var first = await TusTestServer.StartAsync(directory.Path, completionHandler: failing))
        {
            var url = await first.Client.CreateUploadAsync(3);
            id = url.Split('/')[^1];
            using var patch = await first.Client.SendAsync(Patch(url, 0, [1, 2, 3]));
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
            Assert.Equal(1, failing.CountFor(id));
        }

        await using var second = await TusTestServer.StartAsync(directory.Path);
        await Eventually.TrueAsync(() => second.Completions.CountFor(id) == 1);

        Assert.Equal(0, await second.Maintenance.RunPendingCompletionsAsync(CancellationToken.None));
        Assert.Equal(1, second.Completions.CountFor(id));
    }

    [Fact]
    public async Task Handled_completion_does_not_run_after_restart()
    {
        await using (var first = await TusTestServer.StartAsync(directory.Path))
        {
            var url = await first.Client.CreateUploadAsync(1);
            using var patch = await first.Client.SendAsync(Patch(url, 0, [1]));
            Assert.Single(first.Completions.Calls);
        }

        await using var second = await TusTestServer.StartAsync(directory.Path);

        Assert.Equal(0, await second.Maintenance.RunPendingCompletionsAsync(CancellationToken.None));
        Assert.Empty(second.Completions.Calls);
    }

    [Fact]
    public async Task Progress_events_report_offsets()
    {
        await using var server = await TusTestServer.StartAsync(directory.Path);
        var url = await server.Client.CreateUploadAsync(5);
        var id = url.Split('/')[^1];

        using var first = await server.Client.SendAsync(Patch(url, 0, [1, 2]));
        using var second = await server.Client.SendAsync(Patch(url, 2, [3, 4, 5]));

        Assert.Equal(
            new[] { $"created:{id}:0", $"progress:{id}:2", $"progress:{id}:5" },
            server.Events.Events);
    }
}

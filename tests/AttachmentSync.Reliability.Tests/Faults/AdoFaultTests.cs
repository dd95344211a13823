using System.Diagnostics;
using System.Net.Http.Json;
using AdoEmulator.Faults;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Faults;

/// <summary>Faults in Azure DevOps responses: throttling, 5xx storms, proxy HTML pages, size limits, rev races.</summary>
public sealed class AdoFaultTests(FaultHost host) : IClassFixture<FaultHost>, IDisposable
{
    private SyncTestHost Sync => host.Sync;

    public void Dispose() => Sync.Emulator.Faults.Clear();

    [Fact]
    public async Task Rate_limit_waits_for_retry_after()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("throttled");
        Sync.Emulator.Faults.Add(new FaultRule
        {
            Kind = FaultKind.RateLimit, Method = "POST", Route = "attachments.create", Count = 1, RetryAfterSeconds = 3,
        });
        var clock = Stopwatch.StartNew();

        await SyncApi.UploadAsync(Sync, workItemId, "throttled.log", SyncApi.RandomBytes(5000, 10));
        await SyncTestHost.WaitUntilAsync(async () => (await SyncApi.StatusAsync(Sync, workItemId))
                .Any(item => SyncApi.Reason(item)?.Contains("throttled requests until", StringComparison.Ordinal) == true),
            "the ledger says the upload waits for the throttle");
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.9), $"synced after {clock.Elapsed}, before Retry-After passed");
        Assert.Single(await Sync.Ado.GetAttachedFilesAsync(workItemId));
    }

    [Fact]
    public async Task Service_unavailable_storm_converges()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("503 storm");
        foreach (var route in new[] { "attachments.create", "workitems.update", "attachments.uploadChunk" })
        {
            Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Status, StatusCode = 503, Route = route, Count = 6 });
        }

        var files = Enumerable.Range(0, 3).Select(i => SyncApi.RandomBytes(SyncTestHost.ChunkedThreshold / 2 * (i + 1), 20 + i)).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await SyncApi.UploadAsync(Sync, workItemId, $"storm-{i}.bin", files[i]);
        }

        await SyncApi.WaitForSyncedAsync(Sync, workItemId, files.Count);

        await AssertRelationsHoldAsync(workItemId, files);
    }

    [Fact]
    public async Task Html_bad_gateway_is_retried()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("html 502");
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.BadGatewayHtml, Route = "workitems.update", Count = 3 });
        var bytes = SyncApi.RandomBytes(7000, 30);

        await SyncApi.UploadAsync(Sync, workItemId, "proxy.log", bytes);
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);

        await AssertRelationsHoldAsync(workItemId, [bytes]);
    }

    [Fact]
    public async Task Reset_connection_on_link_does_not_duplicate()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("reset after link");
        Sync.Emulator.Faults.Add(new FaultRule
        {
            Kind = FaultKind.Reset, Method = "PATCH", Route = "workitems.update", Count = 2, BytesBeforeReset = 0,
        });
        var bytes = SyncApi.RandomBytes(9000, 35);

        await SyncApi.UploadAsync(Sync, workItemId, "reset.log", bytes);
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);

        await AssertRelationsHoldAsync(workItemId, [bytes]);
    }

    [Fact]
    public async Task Oversized_file_fails_with_reason()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("too large");
        var bytes = new byte[61 * 1024 * 1024];

        await SyncApi.UploadAsync(Sync, workItemId, "huge.bin", bytes);
        await SyncTestHost.WaitUntilAsync(async () => (await SyncApi.StatusAsync(Sync, workItemId))
            .Any(item => SyncApi.State(item) == "FAILED"), "the oversized upload failed");

        var record = Assert.Single(await SyncApi.StatusAsync(Sync, workItemId));
        Assert.Contains("size limit", SyncApi.Reason(record), StringComparison.Ordinal);
        Assert.Empty(await Sync.Ado.GetAttachedFilesAsync(workItemId));
        var jobs = (await Sync.Api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/sync/status/{workItemId}"))!;
        Assert.Empty(jobs["openJobs"]!.AsArray());
    }

    [Fact]
    public async Task Deleted_work_item_fails_with_reason()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("deleted meanwhile");
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Route = "attachments.create", DelayMs = 1500, Count = 1 });
        using var editor = new AdoEditor(Sync.Emulator);

        await SyncApi.UploadAsync(Sync, workItemId, "orphan.log", SyncApi.RandomBytes(3000, 40));
        await editor.DeleteWorkItemAsync(workItemId);
        await SyncTestHost.WaitUntilAsync(async () => (await SyncApi.StatusAsync(Sync, workItemId))
            .Any(item => SyncApi.State(item) == "FAILED"), "the upload to a deleted work item failed");

        var record = Assert.Single(await SyncApi.StatusAsync(Sync, workItemId));
        Assert.Contains($"work item {workItemId} was deleted", SyncApi.Reason(record), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rev_race_with_concurrent_editor()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("busy work item");
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Conflict, Route = "workitems.update", Probability = 0.3, Seed = 5 });
        using var editor = new AdoEditor(Sync.Emulator);
        using var stop = new CancellationTokenSource();
        var edits = 0;
        var editing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await editor.EditTitleAsync(workItemId, $"edit {edits}"))
                {
                    Interlocked.Increment(ref edits);
                }

                await Task.Delay(15);
            }
        });
        var files = Enumerable.Range(0, 6).Select(i => SyncApi.RandomBytes(4000 + i, 50 + i)).ToList();

        for (var i = 0; i < files.Count; i++)
        {
            await SyncApi.UploadAsync(Sync, workItemId, $"race-{i}.txt", files[i]);
        }

        await SyncApi.WaitForSyncedAsync(Sync, workItemId, files.Count);

        // On a fast run the uploads can finish before the editor saved much; keep it editing a little longer so
        // its saves and the service's links interleave on every run.
        await SyncTestHost.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref edits) > 5), "the editor saved six edits");
        await stop.CancelAsync();
        await editing;

        await AssertRelationsHoldAsync(workItemId, files);
    }

    private async Task AssertRelationsHoldAsync(int workItemId, List<byte[]> files)
    {
        var relations = await Sync.Ado.GetAttachedFilesAsync(workItemId);
        Assert.Equal(files.Count, relations.Count);
        Assert.Equal(relations.Count, relations.Select(relation => relation.Id).Distinct().Count());
        var expected = files.Select(Hashes.Sha256).Order().ToList();
        var actual = new List<string>();
        foreach (var relation in relations)
        {
            Assert.True(Sync.Emulator.TryOpenAttachmentContent(relation.Id, out var content));
            await using (content)
            {
                actual.Add(Hashes.Sha256(content));
            }
        }

        Assert.Equal(expected, actual.Order().ToList());
    }
}

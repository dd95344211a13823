using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttachmentSync.Reliability.Tests.Faults;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Deletes;

/// <summary>Deletes in both directions, the guard against mass deletes, and the retention of deleted content.</summary>
public sealed class DeleteTests(DeleteHost host) : IClassFixture<DeleteHost>
{
    private SyncTestHost Sync => host.Sync;

    [Fact]
    public async Task Tool_delete_removes_relation()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("delete in tool");
        var record = await SyncApi.UploadAsync(Sync, workItemId, "remove-me.txt", SyncApi.RandomBytes(1000, 70));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);
        using var editor = new AdoEditor(Sync.Emulator);
        await editor.EditTitleAsync(workItemId, "edited before the delete");

        using var response = await Sync.Api.DeleteAsync($"/api/sync/attachments/{record["id"]!.GetValue<string>()}");
        response.EnsureSuccessStatusCode();
        await SyncTestHost.WaitUntilAsync(async () => (await Sync.Ado.GetAttachedFilesAsync(workItemId)).Count == 0,
            "the relation is removed in Azure DevOps");

        Assert.Equal("DELETED", SyncApi.State(Assert.Single(await SyncApi.StatusAsync(Sync, workItemId))));
    }

    [Fact]
    public async Task Ado_delete_soft_deletes_record()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("delete in ado");
        await SyncApi.UploadAsync(Sync, workItemId, "keep.txt", SyncApi.RandomBytes(1000, 71));
        await SyncApi.UploadAsync(Sync, workItemId, "gone.txt", SyncApi.RandomBytes(1000, 72));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 2);
        var gone = (await SyncApi.StatusAsync(Sync, workItemId)).Single(item => item["fileName"]!.GetValue<string>() == "gone.txt");

        await Sync.Ado.RemoveAttachmentAsync(workItemId, Guid.Parse(gone["adoAttachmentId"]!.GetValue<string>()));
        await ForceSyncAsync(workItemId);

        var records = await SyncApi.StatusAsync(Sync, workItemId);
        var deleted = records.Single(item => item["fileName"]!.GetValue<string>() == "gone.txt");
        Assert.Equal("DELETED", SyncApi.State(deleted));
        Assert.Contains("removed from work item", SyncApi.Reason(deleted), StringComparison.Ordinal);
        Assert.Equal("SYNCED", SyncApi.State(records.Single(item => item["fileName"]!.GetValue<string>() == "keep.txt")));
    }

    [Fact]
    public async Task Mass_delete_is_guarded()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("mass delete");
        for (var i = 0; i < 5; i++)
        {
            await SyncApi.UploadAsync(Sync, workItemId, $"file-{i}.txt", SyncApi.RandomBytes(500 + i, 80 + i));
        }

        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 5);
        foreach (var relation in (await Sync.Ado.GetAttachedFilesAsync(workItemId)).Take(4))
        {
            await Sync.Ado.RemoveAttachmentAsync(workItemId, relation.Id);
        }

        await ForceSyncAsync(workItemId);

        var records = await SyncApi.StatusAsync(Sync, workItemId);
        Assert.Equal(5, records.Count(item => SyncApi.State(item) == "SYNCED"));
        Assert.Equal(4, records.Count(item => SyncApi.Reason(item)?.StartsWith("kept:", StringComparison.Ordinal) == true));
        var ledger = new LedgerDatabase(Sync.DatabasePath);
        Assert.Contains(await ledger.EventsAsync("DELETE_GUARD"), message => message.Contains($"Work item {workItemId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_purges_unused_content()
    {
        var first = await Sync.Ado.CreateWorkItemAsync("retention a");
        var second = await Sync.Ado.CreateWorkItemAsync("retention b");
        var shared = SyncApi.RandomBytes(1500, 90);
        var alone = SyncApi.RandomBytes(1500, 91);
        var sharedRecord = await SyncApi.UploadAsync(Sync, first, "shared.txt", shared);
        await SyncApi.UploadAsync(Sync, second, "shared-copy.txt", shared);
        var aloneRecord = await SyncApi.UploadAsync(Sync, first, "alone.txt", alone);
        await SyncApi.WaitForSyncedAsync(Sync, first, 2);
        await SyncApi.WaitForSyncedAsync(Sync, second, 1);

        foreach (var record in new[] { sharedRecord, aloneRecord })
        {
            using var response = await Sync.Api.DeleteAsync($"/api/sync/attachments/{record["id"]!.GetValue<string>()}");
            response.EnsureSuccessStatusCode();
        }

        var ledger = new LedgerDatabase(Sync.DatabasePath);
        await SyncTestHost.WaitUntilAsync(async () => (await ledger.RecordsAsync(first))
            .Any(row => row.Sha256 == Hashes.Sha256(alone) && row.ContentPurgedAt is not null), "the unused content is purged",
            TimeSpan.FromSeconds(20));

        var published = StoreFiles.Published(Sync.StorePath).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(Hashes.Sha256(alone), published);
        Assert.Contains(Hashes.Sha256(shared), published);
    }

    private async Task ForceSyncAsync(int workItemId)
    {
        using var response = await Sync.Api.PostAsync($"/api/sync/force-sync/{workItemId}", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var jobId = body!["jobId"]!.GetValue<long>();
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var status = await Sync.Api.GetFromJsonAsync<JsonObject>($"/api/sync/status/{workItemId}");
            return status!["openJobs"]!.AsArray().All(job => job!["id"]!.GetValue<long>() != jobId);
        }, $"the force-sync job {jobId} finished");
    }
}

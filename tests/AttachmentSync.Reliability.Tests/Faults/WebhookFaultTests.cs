using AdoEmulator.Faults;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Sync;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Reliability.Tests.Faults;

/// <summary>Webhooks are hints: duplicated, dropped and reordered deliveries all end in the state Azure DevOps has.</summary>
public sealed class WebhookFaultTests(FaultHost host) : IClassFixture<FaultHost>, IDisposable
{
    private SyncTestHost Sync => host.Sync;

    public void Dispose() => Sync.Emulator.Faults.Clear();

    [Fact]
    public async Task Duplicated_webhooks_add_one_record()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("duplicated hooks");
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.HookDuplicate });
        var downloadsBefore = Sync.Emulator.Counters.Count("GET", "attachments.get");

        await Sync.Ado.AddAttachmentAsync(workItemId, "twice.txt", SyncApi.RandomBytes(2000, 60));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);
        await Task.Delay(500);

        Assert.Single(await SyncApi.StatusAsync(Sync, workItemId));
        Assert.Equal(1, Sync.Emulator.Counters.Count("GET", "attachments.get") - downloadsBefore);
    }

    [Fact]
    public async Task Dropped_webhook_repaired_by_sweep()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("dropped hooks");
        await SyncApi.UploadAsync(Sync, workItemId, "from-tool.txt", SyncApi.RandomBytes(1000, 61));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.HookDrop });
        var bytes = SyncApi.RandomBytes(3000, 62);

        await Sync.Ado.AddAttachmentAsync(workItemId, "missed.txt", bytes);
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 2, TimeSpan.FromSeconds(20));

        var arrived = (await SyncApi.StatusAsync(Sync, workItemId)).Single(item => item["fileName"]!.GetValue<string>() == "missed.txt");
        Assert.Equal(Hashes.Sha256(bytes), arrived["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reordered_webhooks_keep_newest_state()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("reordered hooks");
        Sync.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.HookReorder, Probability = 0.5, Seed = 9, DelayMs = 800 });

        var first = await Sync.Ado.AddAttachmentAsync(workItemId, "first.txt", SyncApi.RandomBytes(1500, 63));
        await Sync.Ado.AddAttachmentAsync(workItemId, "second.txt", SyncApi.RandomBytes(1600, 64));
        await Sync.Ado.RemoveAttachmentAsync(workItemId, first);
        await Sync.Ado.AddAttachmentAsync(workItemId, "third.txt", SyncApi.RandomBytes(1700, 65));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 2);
        await Task.Delay(1500);

        var live = (await SyncApi.StatusAsync(Sync, workItemId)).Where(item => SyncApi.State(item) != "DELETED")
            .Select(item => item["fileName"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["second.txt", "third.txt"], live);
    }

    [Fact]
    public async Task Older_revision_never_undoes_link()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("stale read");
        await SyncApi.UploadAsync(Sync, workItemId, "linked.txt", SyncApi.RandomBytes(1200, 66));
        await SyncApi.WaitForSyncedAsync(Sync, workItemId, 1);
        await using var scope = Sync.Service.App.Services.CreateAsyncScope();
        var reconciler = scope.ServiceProvider.GetRequiredService<WorkItemReconciler>();

        await reconciler.ApplyAsync(new WorkItem { Id = workItemId, Rev = 1, Relations = [] }, CancellationToken.None);

        var record = Assert.Single(await SyncApi.StatusAsync(Sync, workItemId));
        Assert.Equal("SYNCED", SyncApi.State(record));

        await reconciler.ApplyAsync(new WorkItem { Id = workItemId, Rev = 1000, Relations = [] }, CancellationToken.None);

        Assert.Equal("DELETED", SyncApi.State(Assert.Single(await SyncApi.StatusAsync(Sync, workItemId))));
    }
}

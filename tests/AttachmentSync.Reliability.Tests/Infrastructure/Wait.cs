using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>Polling helpers over the ledger of a service process.</summary>
public static class Wait
{
    /// <summary>Waits until the work item has exactly one record and it is in <paramref name="state"/>; returns it.</summary>
    public static async Task<LedgerRow> ForSingleRecordAsync(
        LedgerDatabase ledger, int workItemId, string state, TimeSpan? timeout = null)
    {
        LedgerRow? found = null;
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var rows = await ledger.RecordsAsync(workItemId);
            found = rows.Count == 1 && rows[0].State == state ? rows[0] : null;
            return found is not null;
        }, $"work item {workItemId} has one record in state {state}", timeout ?? TimeSpan.FromSeconds(60));
        return found!;
    }

    /// <summary>Waits until no job is queued or running.</summary>
    public static Task ForIdleQueueAsync(LedgerDatabase ledger, TimeSpan? timeout = null) =>
        SyncTestHost.WaitUntilAsync(async () =>
        {
            var counts = await ledger.JobCountsAsync();
            return counts.GetValueOrDefault("QUEUED") == 0 && counts.GetValueOrDefault("PROCESSING") == 0;
        }, "the job queue is idle", timeout ?? TimeSpan.FromSeconds(60));
}

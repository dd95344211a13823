using AttachmentSync.Core.Jobs;
using AttachmentSync.Core.Webhooks;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Storage.Sqlite;
using Dapper;

namespace AttachmentSync.Reliability.Tests.Storage;

/// <summary>The process-wide write gate of <see cref="SqliteDatabase"/>, on a real database file.</summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private TempDatabase _temp = null!;

    private SqliteDatabase Database => _temp.Database;

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync("attachment-sync-gate", TimeProvider.System);

    public Task DisposeAsync()
    {
        _temp.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_deliveries_and_claims_all_land()
    {
        const int deliveries = 400;
        await using var store = new SqliteWebhookDeliveryStore(Database, TimeProvider.System);
        var queue = new SqliteJobQueue(Database, TimeProvider.System);
        using var senders = new CancellationTokenSource();
        var claimed = new System.Collections.Concurrent.ConcurrentBag<long>();

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!senders.IsCancellationRequested)
            {
                var job = await queue.TryClaimAsync($"worker-{worker}", Lease, CancellationToken.None);
                if (job is null)
                {
                    await Task.Yield();
                    continue;
                }

                claimed.Add(job.Id);
                Assert.True(await queue.CompleteAsync(job.Id, $"worker-{worker}", CancellationToken.None));
            }
        })).ToList();

        var stored = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(i => Task.Run(() =>
            store.TryAddAsync(Delivery(i), enqueueReconcile: true, CancellationToken.None))));
        await senders.CancelAsync();
        await Task.WhenAll(workers);

        Assert.All(stored, Assert.True);
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        Assert.Equal(deliveries, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_deliveries"));
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Second_writer_waits_for_first()
    {
        var first = await Database.BeginWriteAsync(CancellationToken.None);
        var second = Database.BeginWriteAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var write = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(write.Transaction);
    }

    [Fact]
    public async Task Uncommitted_write_rolls_back_and_frees_gate()
    {
        await using (var write = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await write.Connection.ExecuteAsync(
                "INSERT INTO sync_watermarks (name, value, updated_at) VALUES ('probe', 'x', 'x')", transaction: write.Transaction);
        }

        await using var next = await Database.BeginWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var count = await next.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sync_watermarks WHERE name = 'probe'", transaction: next.Transaction);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Cancelled_wait_leaves_gate_usable()
    {
        var firstWrite = await Database.BeginWriteAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Database.BeginWriteAsync(timeout.Token));

        await firstWrite.DisposeAsync();
        await using var next = await Database.BeginWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(next.Transaction);
    }

    [Fact]
    public async Task Instances_on_one_file_share_gate()
    {
        // Without a shared gate the second instance would block inside SQLite's busy handler, where the
        // cancellation token is not observed, and fail after the busy timeout instead of being cancelled.
        var other = new SqliteDatabase(Database.Path);
        await using var firstWrite = await Database.BeginWriteAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.BeginWriteAsync(timeout.Token));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {waited.Elapsed}");
    }

    private static WebhookDelivery Delivery(int index) =>
        new($"subscription:notification-{index}", "workitem.updated", 1000 + (index % 50), index, "subscription",
            DateTimeOffset.UtcNow);
}

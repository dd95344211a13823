using AttachmentSync.Core.Webhooks;
using AttachmentSync.Reliability.Tests.Infrastructure;
using AttachmentSync.Storage.Sqlite;
using Dapper;

namespace AttachmentSync.Reliability.Tests.Storage;

/// <summary>The group commits of <see cref="SqliteWebhookDeliveryStore"/>, on a real database file.</summary>
public sealed class WebhookDeliveryStoreTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;

    private SqliteDatabase Database => _temp.Database;

    public async Task InitializeAsync() => _temp = await TempDatabase.CreateAsync("attachment-sync-deliveries", TimeProvider.System);

    public Task DisposeAsync()
    {
        _temp.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Duplicates_in_one_batch_store_once()
    {
        await using var store = new SqliteWebhookDeliveryStore(Database, TimeProvider.System);
        var otherWrite = await Database.BeginWriteAsync(CancellationToken.None);
        var repeated = Enumerable.Range(0, 10).Select(_ => Add(store, "notification:s:1")).ToList();
        var distinct = Enumerable.Range(2, 5).Select(i => Add(store, $"notification:s:{i}")).ToList();
        await otherWrite.DisposeAsync();

        var repeatedResults = await Task.WhenAll(repeated);
        var distinctResults = await Task.WhenAll(distinct);

        Assert.Single(repeatedResults, added => added);
        Assert.All(distinctResults, Assert.True);
        Assert.Equal(6, await CountAsync());
    }

    [Fact]
    public async Task Cancelled_before_write_is_not_stored()
    {
        await using var store = new SqliteWebhookDeliveryStore(Database, TimeProvider.System);
        var otherWrite = await Database.BeginWriteAsync(CancellationToken.None);
        var first = Add(store, "notification:s:first");

        // The write loop has taken the first delivery and waits for the gate, so the second stays queued.
        await Task.Delay(200);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Add(store, "notification:s:second", cancel.Token));
        await otherWrite.DisposeAsync();

        Assert.True(await first);
        Assert.False(await Add(store, "notification:s:first"));
        Assert.Equal(1, await CountAsync());
    }

    private static Task<bool> Add(SqliteWebhookDeliveryStore store, string key, CancellationToken cancellationToken = default) =>
        store.TryAddAsync(
            new WebhookDelivery(key, "workitem.updated", 42, 3, "s", DateTimeOffset.UtcNow), enqueueReconcile: true,
            cancellationToken);

    private async Task<long> CountAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_deliveries");
    }
}

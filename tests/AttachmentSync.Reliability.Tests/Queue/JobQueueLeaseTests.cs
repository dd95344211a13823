using AttachmentSync.Core.Jobs;
using AttachmentSync.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AttachmentSync.Reliability.Tests.Queue;

/// <summary>The SQLite queue's lease rules, on a real database file with time driven by a fake clock.</summary>
public sealed class JobQueueLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly string _path = Path.Combine(Path.GetTempPath(), "attachment-sync-queue", Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteDatabase _database = null!;
    private SqliteJobQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_path);
        await new SqliteMigrator(_database, _time).MigrateAsync(CancellationToken.None);
        _queue = new SqliteJobQueue(_database, _time);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Claimed_job_is_not_claimed_twice()
    {
        await EnqueueAsync();

        var first = await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);
        var second = await _queue.TryClaimAsync("worker-b", Lease, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task Expired_lease_is_claimed_by_another_worker()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);

        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var reclaimed = await _queue.TryClaimAsync("worker-b", Lease, CancellationToken.None);

        Assert.Equal(id, reclaimed?.Id);
        Assert.Equal("worker-b", reclaimed?.LeaseOwner);
        Assert.Equal(2, reclaimed?.Attempts);
    }

    [Fact]
    public async Task Old_owner_cannot_complete_reclaimed_job()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        await _queue.TryClaimAsync("worker-b", Lease, CancellationToken.None);

        var completed = await _queue.CompleteAsync(id, "worker-a", CancellationToken.None);
        var failed = await _queue.FailAsync(id, "worker-a", "late failure", CancellationToken.None);
        var retried = await _queue.RetryLaterAsync(id, "worker-a", _time.GetUtcNow(), "late retry", CancellationToken.None);

        Assert.False(completed);
        Assert.False(failed);
        Assert.False(retried);
        var job = await _queue.GetAsync(id, CancellationToken.None);
        Assert.Equal(SyncJobStatus.Processing, job!.Status);
        Assert.Equal("worker-b", job.LeaseOwner);
        Assert.Null(job.LastError);
    }

    [Fact]
    public async Task Current_owner_completes_job()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);

        Assert.True(await _queue.CompleteAsync(id, "worker-a", CancellationToken.None));
        Assert.Equal(SyncJobStatus.Completed, (await _queue.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Renewed_lease_is_not_taken_over()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);

        _time.Advance(Lease / 2);
        Assert.True(await _queue.RenewLeaseAsync(id, "worker-a", Lease, CancellationToken.None));
        _time.Advance(Lease / 2 + TimeSpan.FromSeconds(1));

        Assert.Null(await _queue.TryClaimAsync("worker-b", Lease, CancellationToken.None));
        Assert.False(await _queue.RenewLeaseAsync(id, "worker-b", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task Retried_job_waits_until_next_run()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);
        await _queue.RetryLaterAsync(id, "worker-a", _time.GetUtcNow().AddSeconds(10), "503", CancellationToken.None);

        Assert.Null(await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(10));
        var again = await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);

        Assert.Equal(id, again?.Id);
        Assert.Equal("503", again?.LastError);
    }

    [Fact]
    public async Task Failed_job_keeps_reason_and_stays_failed()
    {
        var id = await EnqueueAsync();
        await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);
        await _queue.FailAsync(id, "worker-a", "work item 42 was deleted", CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Null(await _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None));
        var job = await _queue.GetAsync(id, CancellationToken.None);
        Assert.Equal(SyncJobStatus.Failed, job!.Status);
        Assert.Equal("work item 42 was deleted", job.LastError);
    }

    [Fact]
    public async Task Claim_after_long_wait_gets_full_lease()
    {
        await EnqueueAsync();
        var otherWrite = await _database.BeginWriteAsync(CancellationToken.None);
        var claim = _queue.TryClaimAsync("worker-a", Lease, CancellationToken.None);

        // The claim waits for the write gate while more than a lease passes.
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        await otherWrite.DisposeAsync();
        var job = await claim;

        Assert.Equal(_time.GetUtcNow() + Lease, job?.LeaseExpiresAt);
        Assert.Null(await _queue.TryClaimAsync("worker-b", Lease, CancellationToken.None));
    }

    private Task<long> EnqueueAsync() =>
        _queue.EnqueueAsync(SyncJob.Create(SyncJobType.Upload, 42, Guid.NewGuid(), _time.GetUtcNow()), CancellationToken.None);
}

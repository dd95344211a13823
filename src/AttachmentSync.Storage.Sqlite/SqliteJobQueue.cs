using System.Data;
using AttachmentSync.Core.Jobs;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>
/// <c>sync_job_queue</c> on SQLite. A claim is one <c>UPDATE … RETURNING</c> statement, which SQLite runs
/// under its single write lock, so two workers never take the same job. A server database with several
/// service instances would select the row with <c>FOR UPDATE SKIP LOCKED</c> in the same statement shape.
/// </summary>
public sealed class SqliteJobQueue(SqliteDatabase database, TimeProvider timeProvider) : IJobQueue
{
    internal const string InsertSql = """
        INSERT INTO sync_job_queue (job_type, status, priority, work_item_id, attachment_id, retry_count,
                                    next_retry_at, created_at, updated_at)
        VALUES (@job_type, @status, @priority, @work_item_id, @attachment_id, 0, @next_retry_at, @now, @now)
        RETURNING id
        """;

    private const string ClaimSql = """
        UPDATE sync_job_queue
        SET status = 'PROCESSING', lease_owner = @owner, lease_expires_at = @leaseUntil,
            retry_count = retry_count + 1, updated_at = @now
        WHERE id = (
            SELECT id FROM sync_job_queue
            WHERE (status = 'QUEUED' AND next_retry_at <= @now)
               OR (status = 'PROCESSING' AND lease_expires_at < @now)
            ORDER BY priority, next_retry_at, id
            LIMIT 1)
        RETURNING *
        """;

    public async Task<long> EnqueueAsync(SyncJob job, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var id = await EnqueueAsync(connection, transaction, job, timeProvider.GetUtcNow());
        await write.CommitAsync();
        return id;
    }

    /// <summary>Enqueues inside the caller's transaction; a queued reconcile of the same work item is reused.</summary>
    internal static async Task<long> EnqueueAsync(
        IDbConnection connection, IDbTransaction transaction, SyncJob job, DateTimeOffset now)
    {
        if (job.Type == SyncJobType.Reconcile)
        {
            var queued = await connection.QuerySingleOrDefaultAsync<long?>(
                "SELECT id FROM sync_job_queue WHERE job_type = 'RECONCILE' AND status = 'QUEUED' AND work_item_id = @id LIMIT 1",
                new { id = job.WorkItemId }, transaction);
            if (queued is { } existing)
            {
                return existing;
            }
        }

        return await connection.ExecuteScalarAsync<long>(InsertSql, JobRow.Parameters(job, now), transaction);
    }

    public async Task<SyncJob?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var row = await write.Connection.QuerySingleOrDefaultAsync<JobRow>(ClaimSql, new
        {
            owner,
            now = SqliteDatabase.FormatTime(now),
            leaseUntil = SqliteDatabase.FormatTime(now + lease),
        }, write.Transaction);
        await write.CommitAsync();
        return row?.ToJob();
    }

    public async Task<bool> RenewLeaseAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var changed = await write.Connection.ExecuteAsync("""
            UPDATE sync_job_queue SET lease_expires_at = @leaseUntil, updated_at = @now
            WHERE id = @jobId AND status = 'PROCESSING' AND lease_owner = @owner
            """,
            new
            {
                jobId,
                owner,
                leaseUntil = SqliteDatabase.FormatTime(now + lease),
                now = SqliteDatabase.FormatTime(now),
            }, write.Transaction);
        await write.CommitAsync();
        return changed == 1;
    }

    public Task<bool> CompleteAsync(long jobId, string owner, CancellationToken cancellationToken) =>
        FinishAsync(jobId, owner, "COMPLETED", null, null, cancellationToken);

    public Task<bool> RetryLaterAsync(
        long jobId, string owner, DateTimeOffset nextRunAt, string error, CancellationToken cancellationToken) =>
        FinishAsync(jobId, owner, "QUEUED", nextRunAt, error, cancellationToken);

    public Task<bool> FailAsync(long jobId, string owner, string error, CancellationToken cancellationToken) =>
        FinishAsync(jobId, owner, "FAILED", null, error, cancellationToken);

    public async Task<SyncJob?> GetAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>("SELECT * FROM sync_job_queue WHERE id = @jobId", new { jobId });
        return row?.ToJob();
    }

    public async Task<IReadOnlyList<SyncJob>> ListOpenAsync(int workItemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(
            "SELECT * FROM sync_job_queue WHERE work_item_id = @workItemId AND status IN ('QUEUED', 'PROCESSING') ORDER BY id",
            new { workItemId });
        return rows.Select(row => row.ToJob()).ToList();
    }

    public async Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.QuerySingleOrDefaultAsync<string?>("""
            SELECT MIN(due) FROM (
                SELECT MIN(next_retry_at) AS due FROM sync_job_queue WHERE status = 'QUEUED'
                UNION ALL
                SELECT MIN(lease_expires_at) FROM sync_job_queue WHERE status = 'PROCESSING')
            """);
        return SqliteDatabase.ParseTimeOrNull(next);
    }

    private async Task<bool> FinishAsync(
        long jobId, string owner, string status, DateTimeOffset? nextRunAt, string? error,
        CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var changed = await write.Connection.ExecuteAsync("""
            UPDATE sync_job_queue
            SET status = @status, next_retry_at = COALESCE(@next, next_retry_at), last_error = COALESCE(@error, last_error),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE id = @jobId AND status = 'PROCESSING' AND lease_owner = @owner
            """,
            new
            {
                jobId,
                owner,
                status,
                next = nextRunAt is { } next ? SqliteDatabase.FormatTime(next) : null,
                error,
                now = SqliteDatabase.FormatTime(now),
            }, write.Transaction);
        await write.CommitAsync();
        return changed == 1;
    }
}

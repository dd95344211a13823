using Dapper;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>Reads the service's SQLite file directly, so a test can see the ledger and queue of a running or killed process.</summary>
public sealed class LedgerDatabase(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = 10,
    }.ToString();

    public async Task<List<LedgerRow>> RecordsAsync(int workItemId)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<LedgerRow>("""
            SELECT id AS Id, work_item_id AS WorkItemId, file_name AS FileName, sha256_hash AS Sha256,
                   source AS Source, sync_status AS State, status_reason AS Reason, attachment_guid AS AdoAttachmentId,
                   chunked_upload_guid AS ChunkedUploadId, chunked_upload_offset AS ChunkedUploadOffset,
                   content_purged_at AS ContentPurgedAt
            FROM attachment_sync_metadata WHERE work_item_id = @workItemId ORDER BY created_at
            """, new { workItemId });
        return rows.ToList();
    }

    /// <summary>Counts jobs by status (QUEUED, PROCESSING, COMPLETED, FAILED).</summary>
    public async Task<Dictionary<string, long>> JobCountsAsync()
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM sync_job_queue GROUP BY status");
        return rows.ToDictionary(row => row.Status, row => row.Count);
    }

    public async Task<List<string>> FailedJobErrorsAsync()
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<string>(
            "SELECT job_type || ' ' || work_item_id || ': ' || COALESCE(last_error, '') FROM sync_job_queue WHERE status = 'FAILED'");
        return rows.ToList();
    }

    public async Task<List<string>> EventsAsync(string eventType)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<string>(
            "SELECT message FROM sync_event_log WHERE event_type = @eventType ORDER BY id", new { eventType });
        return rows.ToList();
    }

    /// <summary>Runs a statement against the ledger, for tests that age records or set up a state.</summary>
    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>One row of <c>attachment_sync_metadata</c> as tests read it.</summary>
public sealed class LedgerRow
{
    public string Id { get; set; } = "";
    public long WorkItemId { get; set; }
    public string FileName { get; set; } = "";
    public string? Sha256 { get; set; }
    public string Source { get; set; } = "";
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string? AdoAttachmentId { get; set; }
    public string? ChunkedUploadId { get; set; }
    public long? ChunkedUploadOffset { get; set; }
    public string? ContentPurgedAt { get; set; }
}

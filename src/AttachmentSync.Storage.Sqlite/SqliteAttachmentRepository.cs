using System.Data;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Jobs;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>
/// <c>attachment_sync_metadata</c> on SQLite. Every state change appends a <c>STATE_CHANGED</c> row to
/// <c>sync_event_log</c> in the same transaction. An update never brings a soft-deleted record back: a job
/// that read the record before a delete cannot overwrite the delete.
/// </summary>
public sealed class SqliteAttachmentRepository(SqliteDatabase database, TimeProvider timeProvider) : IAttachmentRepository
{
    private const string InsertSql = """
        INSERT INTO attachment_sync_metadata (id, work_item_id, attachment_guid, file_name, file_size, content_type,
            sha256_hash, source, ado_attachment_url, local_file_path, sync_status, status_reason, created_at,
            updated_at, deleted_at, relation_rev, chunked_upload_guid, chunked_upload_offset, content_purged_at)
        VALUES (@id, @work_item_id, @attachment_guid, @file_name, @file_size, @content_type, @sha256_hash, @source,
            @ado_attachment_url, @local_file_path, @sync_status, @status_reason, @created_at, @updated_at, @deleted_at,
            @relation_rev, @chunked_upload_guid, @chunked_upload_offset, @content_purged_at)
        """;

    private const int UniqueConstraintFailed = 2067;

    private const string UpdateSql = """
        UPDATE attachment_sync_metadata
        SET attachment_guid = @attachment_guid, file_name = @file_name, file_size = @file_size,
            content_type = @content_type, sha256_hash = @sha256_hash, ado_attachment_url = @ado_attachment_url,
            local_file_path = @local_file_path, sync_status = @sync_status, status_reason = @status_reason,
            updated_at = @updated_at, deleted_at = @deleted_at, relation_rev = @relation_rev,
            chunked_upload_guid = @chunked_upload_guid, chunked_upload_offset = @chunked_upload_offset,
            content_purged_at = @content_purged_at
        WHERE id = @id AND (sync_status <> 'DELETED' OR @sync_status = 'DELETED')
        """;

    public async Task<long?> AddAsync(AttachmentRecord record, SyncJob? job, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        record = record with { CreatedAt = now, UpdatedAt = now };
        var (connection, transaction) = (write.Connection, write.Transaction);
        try
        {
            await connection.ExecuteAsync(InsertSql, AttachmentRow.Parameters(record), transaction);
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == UniqueConstraintFailed)
        {
            throw new DuplicateAttachmentException(record.WorkItemId, exception);
        }

        await AppendTransitionAsync(connection, transaction, record, "created", now);
        long? jobId = job is null
            ? null
            : await SqliteJobQueue.EnqueueAsync(connection, transaction, job with { AttachmentId = record.Id }, now);
        await write.CommitAsync();
        return jobId;
    }

    public async Task<AttachmentRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AttachmentRow>(
            "SELECT * FROM attachment_sync_metadata WHERE id = @id", new { id = id.ToString() });
        return row?.ToRecord();
    }

    public async Task<AttachmentRecord?> FindByAnyIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<AttachmentRow>("""
            SELECT * FROM attachment_sync_metadata
            WHERE id = @id OR attachment_guid = @id
            ORDER BY (id = @id) DESC, (sync_status = 'DELETED'), created_at DESC
            LIMIT 1
            """, new { id = id.ToString() });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<AttachmentRecord>> ListByWorkItemAsync(
        int workItemId, bool includeDeleted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttachmentRow>("""
            SELECT * FROM attachment_sync_metadata
            WHERE work_item_id = @workItemId AND (@includeDeleted OR sync_status <> 'DELETED')
            ORDER BY created_at, id
            """, new { workItemId, includeDeleted });
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<AttachmentRecord>> ListByContentAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttachmentRow>(
            "SELECT * FROM attachment_sync_metadata WHERE sha256_hash = @sha256 AND sync_status <> 'DELETED' ORDER BY created_at",
            new { sha256 });
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task UpdateAsync(AttachmentRecord record, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        await UpdateAsync(connection, transaction, record);
        await write.CommitAsync();
    }

    public async Task MarkDeletedAsync(AttachmentRecord record, SyncJob? job, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var (connection, transaction) = (write.Connection, write.Transaction);
        await UpdateAsync(connection, transaction, record with { State = SyncState.Deleted, DeletedAt = now });
        if (job is not null)
        {
            await SqliteJobQueue.EnqueueAsync(connection, transaction, job, now);
        }

        await write.CommitAsync();
    }

    private async Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, AttachmentRecord record)
    {
        var now = timeProvider.GetUtcNow();
        var previous = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT sync_status FROM attachment_sync_metadata WHERE id = @id", new { id = record.Id.ToString() }, transaction);
        record = record with { UpdatedAt = now };
        var changed = await connection.ExecuteAsync(UpdateSql, AttachmentRow.Parameters(record), transaction);
        var state = record.State.ToString().ToUpperInvariant();
        if (changed == 1 && !string.Equals(previous, state, StringComparison.Ordinal))
        {
            await AppendTransitionAsync(connection, transaction, record, $"{previous ?? "NONE"} -> {state}", now);
        }
    }

    private static Task AppendTransitionAsync(
        IDbConnection connection, IDbTransaction transaction, AttachmentRecord record, string change, DateTimeOffset now)
    {
        var severity = record.State == SyncState.Failed ? "ERROR" : "INFO";
        var reason = record.StateReason is null ? "" : $" ({record.StateReason})";
        return connection.ExecuteAsync("""
            INSERT INTO sync_event_log (event_type, severity, message, work_item_id, attachment_id, created_at)
            VALUES ('STATE_CHANGED', @severity, @message, @workItemId, @attachmentId, @now)
            """,
            new
            {
                severity,
                message = $"Attachment {record.Id} on work item {record.WorkItemId}: {change}{reason}",
                workItemId = record.WorkItemId,
                attachmentId = record.Id.ToString(),
                now = SqliteDatabase.FormatTime(now),
            }, transaction);
    }
}

using AttachmentSync.Core.Sync;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>sync_watermarks</c> and the purge queries over <c>attachment_sync_metadata</c> on SQLite.</summary>
public sealed class SqliteSweepStore(SqliteDatabase database, TimeProvider timeProvider) : ISweepStore
{
    public async Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var value = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT value FROM sync_watermarks WHERE name = @name", new { name });
        return SqliteDatabase.ParseTimeOrNull(value);
    }

    public async Task SetWatermarkAsync(string name, DateTimeOffset value, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            INSERT INTO sync_watermarks (name, value, updated_at) VALUES (@name, @value, @now)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new
            {
                name,
                value = SqliteDatabase.FormatTime(value),
                now = SqliteDatabase.FormatTime(timeProvider.GetUtcNow()),
            }, write.Transaction);
        await write.CommitAsync();
    }

    public async Task<IReadOnlyList<int>> ListTouchedWorkItemIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(
            "SELECT DISTINCT work_item_id FROM attachment_sync_metadata ORDER BY work_item_id");
        return ids.Select(id => checked((int)id)).ToList();
    }

    public async Task<IReadOnlyList<string>> ListPurgeableContentAsync(
        DateTimeOffset deletedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var hashes = await connection.QueryAsync<string>("""
            SELECT DISTINCT deleted.sha256_hash
            FROM attachment_sync_metadata AS deleted
            WHERE deleted.sync_status = 'DELETED' AND deleted.deleted_at < @cutoff
              AND deleted.content_purged_at IS NULL AND deleted.sha256_hash IS NOT NULL
              AND NOT EXISTS (
                  SELECT 1 FROM attachment_sync_metadata AS other
                  WHERE other.sha256_hash = deleted.sha256_hash
                    AND (other.sync_status <> 'DELETED' OR other.deleted_at >= @cutoff))
            """,
            new { cutoff = SqliteDatabase.FormatTime(deletedBefore) });
        return hashes.ToList();
    }

    public async Task MarkContentPurgedAsync(string sha256, DateTimeOffset purgedAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            UPDATE attachment_sync_metadata SET content_purged_at = @purgedAt
            WHERE sha256_hash = @sha256 AND sync_status = 'DELETED' AND content_purged_at IS NULL
            """,
            new { sha256, purgedAt = SqliteDatabase.FormatTime(purgedAt) }, write.Transaction);
        await write.CommitAsync();
    }
}

using AttachmentSync.Core.Attachments;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>deduplication_index</c> on SQLite.</summary>
public sealed class SqliteDeduplicationIndex(SqliteDatabase database, TimeProvider timeProvider) : IDeduplicationIndex
{
    public async Task<DeduplicationEntry?> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeduplicationRow>(
            "SELECT * FROM deduplication_index WHERE sha256_hash = @sha256", new { sha256 });
        return row is null
            ? null
            : new DeduplicationEntry(row.sha256_hash, Guid.Parse(row.attachment_guid), row.ado_attachment_url,
                row.file_size, (int)row.duplicate_count, SqliteDatabase.ParseTime(row.created_at),
                SqliteDatabase.ParseTime(row.updated_at));
    }

    public async Task RecordAsync(string sha256, Guid adoAttachmentId, string adoAttachmentUrl, long fileSize,
        CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            INSERT INTO deduplication_index (sha256_hash, attachment_guid, ado_attachment_url, file_size, duplicate_count,
                                             created_at, updated_at)
            VALUES (@sha256, @guid, @url, @fileSize, 0, @now, @now)
            ON CONFLICT (sha256_hash) DO UPDATE SET duplicate_count = duplicate_count + 1, updated_at = @now
            """,
            new
            {
                sha256,
                guid = adoAttachmentId.ToString(),
                url = adoAttachmentUrl,
                fileSize,
                now = SqliteDatabase.FormatTime(timeProvider.GetUtcNow()),
            }, write.Transaction);
        await write.CommitAsync();
    }
}

/// <summary>Column-for-column shape of <c>deduplication_index</c>, for Dapper.</summary>
internal sealed class DeduplicationRow
{
    public string sha256_hash { get; set; } = "";
    public string attachment_guid { get; set; } = "";
    public string ado_attachment_url { get; set; } = "";
    public long file_size { get; set; }
    public long duplicate_count { get; set; }
    public string created_at { get; set; } = "";
    public string updated_at { get; set; } = "";
}

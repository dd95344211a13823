using AttachmentSync.Core.Uploads;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>chunked_upload_sessions</c> on SQLite.</summary>
public sealed class SqliteUploadSessionRepository(SqliteDatabase database, TimeProvider timeProvider) : IUploadSessionRepository
{
    public async Task AddAsync(UploadSession session, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            INSERT INTO chunked_upload_sessions (session_uuid, work_item_id, file_name, total_size, bytes_received,
                chunks_received, status, attachment_id, expires_at, created_at, updated_at)
            VALUES (@SessionId, @WorkItemId, @FileName, @TotalSize, @BytesReceived, 0, 'ACTIVE', NULL, @expires, @now, @now)
            ON CONFLICT (session_uuid) DO NOTHING
            """,
            new
            {
                session.SessionId,
                session.WorkItemId,
                session.FileName,
                session.TotalSize,
                session.BytesReceived,
                expires = SqliteDatabase.FormatTime(session.ExpiresAt ?? DateTimeOffset.MaxValue),
                now = Now(),
            }, write.Transaction);
        await write.CommitAsync();
    }

    public async Task RecordProgressAsync(
        string sessionId, long bytesReceived, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            UPDATE chunked_upload_sessions
            SET bytes_received = @bytesReceived, chunks_received = chunks_received + 1,
                expires_at = COALESCE(@expires, expires_at), updated_at = @now
            WHERE session_uuid = @sessionId
            """,
            new { sessionId, bytesReceived, expires = expiresAt is { } e ? SqliteDatabase.FormatTime(e) : null, now = Now() }, write.Transaction);
        await write.CommitAsync();
    }

    public async Task SetStatusAsync(
        string sessionId, UploadSessionStatus status, Guid? attachmentId, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            UPDATE chunked_upload_sessions
            SET status = @status, attachment_id = COALESCE(@attachmentId, attachment_id), updated_at = @now
            WHERE session_uuid = @sessionId
            """,
            new { sessionId, status = status.ToString().ToUpperInvariant(), attachmentId = attachmentId?.ToString(), now = Now() }, write.Transaction);
        await write.CommitAsync();
    }

    public async Task<UploadSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(
            "SELECT * FROM chunked_upload_sessions WHERE session_uuid = @sessionId", new { sessionId });
        return row?.ToSession();
    }

    private string Now() => SqliteDatabase.FormatTime(timeProvider.GetUtcNow());

    /// <summary>Column-for-column shape of <c>chunked_upload_sessions</c>, for Dapper.</summary>
    private sealed class SessionRow
    {
        public string session_uuid { get; set; } = "";
        public long? work_item_id { get; set; }
        public string? file_name { get; set; }
        public long total_size { get; set; }
        public long bytes_received { get; set; }
        public long chunks_received { get; set; }
        public string status { get; set; } = "";
        public string? attachment_id { get; set; }
        public string expires_at { get; set; } = "";
        public string created_at { get; set; } = "";
        public string updated_at { get; set; } = "";

        public UploadSession ToSession() => new(
            session_uuid,
            work_item_id is { } id ? checked((int)id) : null,
            file_name,
            total_size,
            bytes_received,
            (int)chunks_received,
            Enum.Parse<UploadSessionStatus>(status, ignoreCase: true),
            attachment_id is null ? null : Guid.Parse(attachment_id),
            SqliteDatabase.ParseTime(expires_at),
            SqliteDatabase.ParseTime(created_at),
            SqliteDatabase.ParseTime(updated_at));
    }
}

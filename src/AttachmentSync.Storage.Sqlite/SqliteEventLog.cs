using AttachmentSync.Core.Diagnostics;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>sync_event_log</c> on SQLite.</summary>
public sealed class SqliteEventLog(SqliteDatabase database, TimeProvider timeProvider) : IEventLog
{
    public async Task AppendAsync(SyncEvent syncEvent, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            INSERT INTO sync_event_log (event_type, severity, message, work_item_id, attachment_id, created_at)
            VALUES (@type, @severity, @message, @workItemId, @attachmentId, @now)
            """,
            new
            {
                type = syncEvent.EventType,
                severity = syncEvent.Severity.ToString().ToUpperInvariant(),
                message = syncEvent.Message,
                workItemId = syncEvent.WorkItemId,
                attachmentId = syncEvent.AttachmentId?.ToString(),
                now = SqliteDatabase.FormatTime(timeProvider.GetUtcNow()),
            }, write.Transaction);
        await write.CommitAsync();
    }
}

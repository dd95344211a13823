using AttachmentSync.Core.Webhooks;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>webhook_subscriptions</c> on SQLite. It stores ids, event types and URLs, never credentials.</summary>
public sealed class SqliteWebhookSubscriptionStore(SqliteDatabase database, TimeProvider timeProvider)
    : IWebhookSubscriptionStore
{
    public async Task RecordAsync(
        string subscriptionId, string eventType, Uri callbackUrl, bool isActive, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            subscriptionId,
            eventType,
            callbackUrl = callbackUrl.AbsoluteUri,
            isActive,
            now = SqliteDatabase.FormatTime(timeProvider.GetUtcNow()),
        };
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("""
            INSERT INTO webhook_subscriptions (subscription_id, event_type, callback_url, is_active, created_at, updated_at)
            VALUES (@subscriptionId, @eventType, @callbackUrl, @isActive, @now, @now)
            ON CONFLICT (subscription_id) DO UPDATE SET
                event_type = excluded.event_type,
                callback_url = excluded.callback_url,
                is_active = excluded.is_active,
                updated_at = excluded.updated_at
            """, parameters, write.Transaction);
        await write.Connection.ExecuteAsync("""
            UPDATE webhook_subscriptions SET is_active = 0, updated_at = @now
            WHERE event_type = @eventType AND callback_url = @callbackUrl
              AND subscription_id <> @subscriptionId AND is_active = 1
            """, parameters, write.Transaction);
        await write.CommitAsync();
    }

    public async Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = new CommandDefinition("""
            SELECT subscription_id, event_type, callback_url, is_active, created_at, updated_at
            FROM webhook_subscriptions
            ORDER BY created_at, subscription_id
            """, cancellationToken: cancellationToken);
        var rows = await connection
            .QueryAsync<(string Id, string EventType, string Url, long IsActive, string Created, string Updated)>(command);
        return rows
            .Select(row => new WebhookSubscriptionRecord(
                row.Id,
                row.EventType,
                row.Url,
                row.IsActive != 0,
                SqliteDatabase.ParseTime(row.Created),
                SqliteDatabase.ParseTime(row.Updated)))
            .ToList();
    }
}

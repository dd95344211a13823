using System.Data;
using AttachmentSync.Core.Jobs;
using AttachmentSync.Core.Webhooks;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary><c>webhook_deliveries</c> on SQLite; the primary key on the delivery key makes storing idempotent.</summary>
public sealed class SqliteWebhookDeliveryStore(SqliteDatabase database, TimeProvider timeProvider) : IWebhookDeliveryStore
{
    public async Task<bool> TryAddAsync(WebhookDelivery delivery, bool enqueueReconcile, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var (connection, transaction) = (write.Connection, write.Transaction);
        var inserted = await connection.ExecuteAsync("""
            INSERT INTO webhook_deliveries (delivery_key, event_type, work_item_id, revision, subscription_id, received_at)
            VALUES (@DeliveryKey, @EventType, @WorkItemId, @Revision, @SubscriptionId, @receivedAt)
            ON CONFLICT (delivery_key) DO NOTHING
            """,
            new
            {
                delivery.DeliveryKey,
                delivery.EventType,
                delivery.WorkItemId,
                delivery.Revision,
                delivery.SubscriptionId,
                receivedAt = SqliteDatabase.FormatTime(delivery.ReceivedAt),
            }, transaction);
        if (inserted == 0)
        {
            return false;
        }

        if (enqueueReconcile)
        {
            var job = SyncJob.Create(SyncJobType.Reconcile, delivery.WorkItemId, null, now) with { Priority = 50 };
            await SqliteJobQueue.EnqueueAsync(connection, transaction, job, now);
        }

        await write.CommitAsync();
        return true;
    }
}

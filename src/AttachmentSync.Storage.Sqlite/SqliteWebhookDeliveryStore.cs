using System.Threading.Channels;
using AttachmentSync.Core.Jobs;
using AttachmentSync.Core.Webhooks;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>
/// <c>webhook_deliveries</c> on SQLite; the primary key on the delivery key makes storing idempotent.
/// Deliveries are written by one loop in group commits: every delivery that arrived while the previous
/// transaction ran goes into the next one, so a burst of concurrent deliveries costs a few transactions
/// instead of one each.
/// </summary>
public sealed class SqliteWebhookDeliveryStore : IWebhookDeliveryStore, IAsyncDisposable
{
    /// <summary>Largest number of deliveries written in one transaction.</summary>
    internal const int MaxBatchSize = 256;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<PendingDelivery> _pending =
        Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    public SqliteWebhookDeliveryStore(SqliteDatabase database, TimeProvider timeProvider)
    {
        _database = database;
        _timeProvider = timeProvider;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <remarks>
    /// A cancelled call returns before the delivery is written, unless its transaction has already begun: then the
    /// call waits for that transaction, so a write that goes through is never reported as failed.
    /// </remarks>
    public async Task<bool> TryAddAsync(WebhookDelivery delivery, bool enqueueReconcile, CancellationToken cancellationToken)
    {
        var pending = new PendingDelivery(delivery, enqueueReconcile);
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);

        await using (cancellationToken.Register(static (state, token) => ((PendingDelivery)state!).TryCancel(token), pending))
        {
            return await pending.Result.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingDelivery>(MaxBatchSize);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && _pending.Reader.TryRead(out var pending))
            {
                if (pending.TryStart())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var added = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(added[i]);
                }
            }
            catch (Exception exception)
            {
                // Every caller of the batch gets the failure; the endpoint turns it into a retried 503.
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task<bool[]> WriteBatchAsync(List<PendingDelivery> batch)
    {
        await using var write = await _database.BeginWriteAsync(CancellationToken.None);
        var now = _timeProvider.GetUtcNow();
        var added = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (delivery, enqueueReconcile) = (batch[i].Delivery, batch[i].EnqueueReconcile);
            var inserted = await write.Connection.ExecuteAsync("""
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
                }, write.Transaction);
            added[i] = inserted == 1;
            if (added[i] && enqueueReconcile)
            {
                var job = SyncJob.Create(SyncJobType.Reconcile, delivery.WorkItemId, null, now) with { Priority = 50 };
                await SqliteJobQueue.EnqueueAsync(write.Connection, write.Transaction, job, now);
            }
        }

        await write.CommitAsync();
        return added;
    }

    /// <summary>One delivery waiting for the write loop. Its state moves from queued to started or to cancelled, once.</summary>
    private sealed class PendingDelivery(WebhookDelivery delivery, bool enqueueReconcile)
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private int _state = Queued;

        public WebhookDelivery Delivery { get; } = delivery;

        public bool EnqueueReconcile { get; } = enqueueReconcile;

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

        public void TryCancel(CancellationToken cancellationToken)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                Result.TrySetCanceled(cancellationToken);
            }
        }
    }
}

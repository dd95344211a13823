using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Storage;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus;

/// <summary>
/// Housekeeping the host schedules: removing expired uploads and retrying unfinished completion handlers.
/// </summary>
public sealed class TusMaintenance
{
    private readonly ITusStore store;
    private readonly TusUploadLocks locks;
    private readonly TusCompletionRunner completion;
    private readonly TusObserverNotifier notifier;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TusMaintenance> logger;

    internal TusMaintenance(
        ITusStore store,
        TusUploadLocks locks,
        TusCompletionRunner completion,
        TusObserverNotifier notifier,
        TimeProvider timeProvider,
        ILogger<TusMaintenance> logger)
    {
        this.store = store;
        this.locks = locks;
        this.completion = completion;
        this.notifier = notifier;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>
    /// Removes the files of every expired upload and notifies <see cref="ITusUploadObserver.OnExpiredAsync"/>.
    /// Returns the number removed. Meant to run about hourly.
    /// </summary>
    /// <remarks>
    /// Skips uploads receiving a request right now, and completed uploads whose completion handler has not finished.
    /// </remarks>
    public async Task<int> RemoveExpiredUploadsAsync(CancellationToken cancellationToken)
    {
        if (store is not ITusExpirationStore expiration)
        {
            return 0;
        }

        var removed = 0;
        var expired = await expiration.GetExpiredAsync(timeProvider.GetUtcNow(), cancellationToken);
        foreach (var upload in expired)
        {
            using var lease = locks.TryAcquire(upload.Id);
            if (lease is null || !await expiration.RemoveExpiredAsync(upload.Id, cancellationToken))
            {
                continue;
            }

            logger.ExpiredUploadRemoved(upload.Id);
            await notifier.ExpiredAsync(upload);
            removed++;
        }

        return removed;
    }

    /// <summary>
    /// Runs the completion handler of completed uploads whose handler has not finished: after a restart, or after
    /// the handler threw. Returns the number of uploads whose handler finished now.
    /// </summary>
    public async Task<int> RunPendingCompletionsAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var pending in await store.GetPendingCompletionsAsync(cancellationToken))
        {
            using var lease = locks.TryAcquire(pending.Id);
            if (lease is null)
            {
                continue;
            }

            // Read again under the lock: a request may have handled it since the list was made.
            var upload = await store.GetUploadAsync(pending.Id, cancellationToken);
            if (upload is not null && (await completion.RunAsync(upload)).CompletionHandled)
            {
                handled++;
            }
        }

        return handled;
    }
}

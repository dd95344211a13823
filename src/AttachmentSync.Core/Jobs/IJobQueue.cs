namespace AttachmentSync.Core.Jobs;

/// <summary>
/// Durable job queue. A claimed job holds a lease; when its worker dies the lease expires and the job is
/// claimed again. Providers that support several service instances claim with row locks that skip locked rows.
/// </summary>
public interface IJobQueue
{
    /// <summary>
    /// Adds a job and returns its id. A reconcile job for a work item that already has one queued returns
    /// the queued job's id instead of adding another.
    /// </summary>
    Task<long> EnqueueAsync(SyncJob job, CancellationToken cancellationToken);

    /// <summary>Atomically takes the next due job (or one whose lease expired), or returns null.</summary>
    Task<SyncJob?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    Task CompleteAsync(long jobId, CancellationToken cancellationToken);

    Task RetryLaterAsync(long jobId, DateTimeOffset nextRunAt, string error, CancellationToken cancellationToken);

    Task FailAsync(long jobId, string error, CancellationToken cancellationToken);

    Task<SyncJob?> GetAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Lists jobs of a work item that are queued or running.</summary>
    Task<IReadOnlyList<SyncJob>> ListOpenAsync(int workItemId, CancellationToken cancellationToken);

    /// <summary>Returns the earliest time a queued job becomes due, or null when the queue is empty.</summary>
    Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken);
}

namespace AttachmentSync.Core.Jobs;

/// <summary>
/// Durable job queue. A claimed job holds a lease (owner and expiry) that its worker renews while it runs;
/// when the worker dies the lease expires and the job is claimed again. Finishing a job checks the lease
/// owner, so a worker whose lease was taken over cannot complete or fail the new owner's run.
/// </summary>
/// <remarks>
/// A claim picks the first due row by (priority, next run time, id) and marks it in one statement. A
/// provider for a server database with several service instances selects that row with
/// <c>FOR UPDATE SKIP LOCKED</c> inside the same statement, so concurrent claims never wait on each other.
/// </remarks>
public interface IJobQueue
{
    /// <summary>
    /// Adds a job and returns its id. A reconcile job for a work item that already has one queued returns
    /// the queued job's id instead of adding another.
    /// </summary>
    Task<long> EnqueueAsync(SyncJob job, CancellationToken cancellationToken);

    /// <summary>Atomically takes the next due job (or one whose lease expired), or returns null.</summary>
    Task<SyncJob?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a running job; returns false when <paramref name="owner"/> no longer holds it.</summary>
    Task<bool> RenewLeaseAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks the job completed; returns false (and changes nothing) when <paramref name="owner"/> lost the lease.</summary>
    Task<bool> CompleteAsync(long jobId, string owner, CancellationToken cancellationToken);

    /// <summary>Queues the job again for <paramref name="nextRunAt"/>; returns false when <paramref name="owner"/> lost the lease.</summary>
    Task<bool> RetryLaterAsync(
        long jobId, string owner, DateTimeOffset nextRunAt, string error, CancellationToken cancellationToken);

    /// <summary>Stops the job for good with its reason; returns false when <paramref name="owner"/> lost the lease.</summary>
    Task<bool> FailAsync(long jobId, string owner, string error, CancellationToken cancellationToken);

    Task<SyncJob?> GetAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Lists jobs of a work item that are queued or running.</summary>
    Task<IReadOnlyList<SyncJob>> ListOpenAsync(int workItemId, CancellationToken cancellationToken);

    /// <summary>Returns the earliest time a queued job becomes due, or null when the queue is empty.</summary>
    Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken);
}

using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>Runs one kind of job. Handlers must be idempotent: a job may run again after a crash.</summary>
public interface ISyncJobHandler
{
    SyncJobType Type { get; }

    Task HandleAsync(SyncJob job, CancellationToken cancellationToken);

    /// <summary>Records on the job's attachment why it waits until <paramref name="nextRunAt"/>; <paramref name="reason"/> is the full ledger text.</summary>
    Task OnRetryScheduledAsync(SyncJob job, string reason, DateTimeOffset nextRunAt, CancellationToken cancellationToken);

    /// <summary>Records on the job's attachment that the work stopped for good, and why.</summary>
    Task OnGivenUpAsync(SyncJob job, string reason, CancellationToken cancellationToken);
}

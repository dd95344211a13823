namespace AttachmentSync.Core.Jobs;

/// <summary>Queue state of a job (<c>sync_job_queue.status</c>, stored in upper case).</summary>
public enum SyncJobStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
}

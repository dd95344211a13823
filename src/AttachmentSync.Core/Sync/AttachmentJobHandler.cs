using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>Base of the handlers whose job acts on one attachment record: keeps the record's reason current.</summary>
public abstract class AttachmentJobHandler(IAttachmentRepository attachments) : ISyncJobHandler
{
    protected IAttachmentRepository Attachments { get; } = attachments;

    public abstract SyncJobType Type { get; }

    public abstract Task HandleAsync(SyncJob job, CancellationToken cancellationToken);

    public async Task OnRetryScheduledAsync(
        SyncJob job, string reason, DateTimeOffset nextRunAt, CancellationToken cancellationToken)
    {
        if (await LoadLiveAsync(job, cancellationToken) is { } record)
        {
            await Attachments.UpdateAsync(record with { StateReason = reason }, cancellationToken);
        }
    }

    public async Task OnGivenUpAsync(SyncJob job, string reason, CancellationToken cancellationToken)
    {
        if (await LoadLiveAsync(job, cancellationToken) is { } record)
        {
            await Attachments.UpdateAsync(record with { State = SyncState.Failed, StateReason = reason }, cancellationToken);
        }
    }

    /// <summary>Loads the job's record, or returns null when it is gone or deleted.</summary>
    protected async Task<AttachmentRecord?> LoadLiveAsync(SyncJob job, CancellationToken cancellationToken)
    {
        if (job.AttachmentId is not { } id)
        {
            return null;
        }

        var record = await Attachments.GetAsync(id, cancellationToken);
        return record is null || record.State == SyncState.Deleted ? null : record;
    }
}

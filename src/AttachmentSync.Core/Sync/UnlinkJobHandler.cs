using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Carries a delete made in the tool to Azure DevOps by removing the work item's relation: read the item,
/// find the relation by attachment GUID, and remove it by index behind a <c>test /rev</c>. The relation
/// stays when another live record of the same work item uses the same attachment, such as the same content
/// uploaded again after the delete.
/// </summary>
public sealed class UnlinkJobHandler(IAttachmentRepository attachments, WorkItemLinker linker) : ISyncJobHandler
{
    public SyncJobType Type => SyncJobType.Unlink;

    public async Task HandleAsync(SyncJob job, CancellationToken cancellationToken)
    {
        if (job.AttachmentId is not { } id || await attachments.GetAsync(id, cancellationToken) is not { } record)
        {
            return;
        }

        if (record.AdoAttachmentId is not { } attachmentId)
        {
            return;
        }

        var live = await attachments.ListByWorkItemAsync(record.WorkItemId, includeDeleted: false, cancellationToken);
        if (live.Any(other => other.AdoAttachmentId == attachmentId))
        {
            return;
        }

        try
        {
            await linker.UnlinkAsync(record.WorkItemId, attachmentId, cancellationToken);
        }
        catch (JobFailedException)
        {
            // The linker raises this only when the work item is gone, and its relations with it.
        }
    }

    public Task OnRetryScheduledAsync(SyncJob job, string reason, DateTimeOffset nextRunAt, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task OnGivenUpAsync(SyncJob job, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>Carries a delete made in the tool to Azure DevOps by removing the work item's relation.</summary>
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

        try
        {
            await linker.UnlinkAsync(record.WorkItemId, attachmentId, cancellationToken);
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            // The work item is gone, and its relations with it.
        }
    }

    public Task OnRetryScheduledAsync(SyncJob job, string reason, DateTimeOffset nextRunAt, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task OnGivenUpAsync(SyncJob job, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

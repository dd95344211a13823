using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Takes in files from the tool: the content is already in the store; this records intent (the record and
/// its upload job, in one transaction), lets a worker run the job, and waits a bounded time for it so the
/// caller usually gets the finished record.
/// </summary>
public sealed class AttachmentIngestor(
    IAttachmentRepository attachments,
    AdoWorkItemsClient workItems,
    JobSignals signals,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Records the file and waits up to <paramref name="responseWait"/> (default
    /// <see cref="SyncOptions.UploadResponseWait"/>) for its upload job to finish.
    /// </summary>
    public async Task<IngestOutcome> IngestAsync(
        int workItemId, string fileName, StoredContent stored, string? contentType, TimeSpan? responseWait,
        CancellationToken cancellationToken)
    {
        if (await FindSameContentAsync(workItemId, stored.Sha256, cancellationToken) is { } existing)
        {
            return new IngestOutcome(IngestStatus.AlreadyPresent, existing);
        }

        if (!await WorkItemMayExistAsync(workItemId, cancellationToken))
        {
            return new IngestOutcome(IngestStatus.WorkItemNotFound, null,
                $"Work item {workItemId} does not exist in Azure DevOps, or the PAT may not read it.");
        }

        var now = timeProvider.GetUtcNow();
        var record = new AttachmentRecord
        {
            Id = Guid.NewGuid(),
            WorkItemId = workItemId,
            FileName = fileName,
            Source = AttachmentSource.Tool,
            State = SyncState.Pending,
            Sha256 = stored.Sha256,
            FileSize = stored.Length,
            ContentType = contentType,
        };

        long? jobId;
        try
        {
            jobId = await attachments.AddAsync(record, SyncJob.Create(SyncJobType.Upload, workItemId, record.Id, now),
                cancellationToken);
        }
        catch (DuplicateAttachmentException)
        {
            // A concurrent request stored the same content on the same work item first.
            var winner = await FindSameContentAsync(workItemId, stored.Sha256, cancellationToken);
            return new IngestOutcome(IngestStatus.AlreadyPresent, winner);
        }

        signals.NotifyEnqueued();
        var wait = responseWait ?? options.Value.UploadResponseWait;
        if (wait > TimeSpan.Zero)
        {
            await signals.WaitForJobAsync(jobId!.Value, wait, timeProvider, cancellationToken);
        }

        var current = await attachments.GetAsync(record.Id, cancellationToken) ?? record;
        return current.State switch
        {
            SyncState.Synced => new IngestOutcome(IngestStatus.Synced, current),
            SyncState.Failed => new IngestOutcome(IngestStatus.Rejected, current, current.StateReason),
            _ => new IngestOutcome(IngestStatus.Pending, current),
        };
    }

    private async Task<AttachmentRecord?> FindSameContentAsync(
        int workItemId, string sha256, CancellationToken cancellationToken)
    {
        var sameContent = await attachments.ListByContentAsync(sha256, cancellationToken);
        return sameContent.FirstOrDefault(record => record.WorkItemId == workItemId && record.State != SyncState.Failed);
    }

    /// <summary>
    /// Returns false only when Azure DevOps reports that the work item does not exist. When Azure DevOps cannot be
    /// reached, the file is accepted and the upload job finds out later.
    /// </summary>
    public async Task<bool> WorkItemMayExistAsync(int workItemId, CancellationToken cancellationToken)
    {
        try
        {
            await workItems.GetAsync(workItemId, cancellationToken);
            return true;
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            return false;
        }
        catch (AdoApiException)
        {
            return true;
        }
    }
}

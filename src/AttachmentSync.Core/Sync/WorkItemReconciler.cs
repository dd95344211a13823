using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Diagnostics;
using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Compares a work item's AttachedFile relations with the ledger. A relation whose GUID the ledger does not
/// know becomes a new record with a download job (our own uploads are recorded before they are linked, so
/// they never come back as new files). A synced record whose relation disappeared is soft-deleted.
/// </summary>
public sealed class WorkItemReconciler(
    IAttachmentRepository attachments,
    IDeduplicationIndex deduplication,
    IContentStore content,
    IEventLog events,
    AdoConnection connection,
    JobSignals signals,
    TimeProvider timeProvider)
{
    /// <summary>Applies the difference and returns the ids of the download jobs it enqueued.</summary>
    public async Task<IReadOnlyList<long>> ApplyAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var downloads = new List<long>();
        var records = await attachments.ListByWorkItemAsync(item.Id, includeDeleted: true, cancellationToken);
        var known = records.Where(record => record.AdoAttachmentId is not null)
            .Select(record => record.AdoAttachmentId!.Value)
            .ToHashSet();
        var linked = new HashSet<Guid>();

        foreach (var (_, relation) in item.AttachedFiles())
        {
            if (relation.AttachmentId is not { } attachmentId || !linked.Add(attachmentId) || known.Contains(attachmentId))
            {
                continue;
            }

            if (await AddFromAdoAsync(item.Id, attachmentId, relation, cancellationToken) is { } jobId)
            {
                downloads.Add(jobId);
            }
        }

        foreach (var record in records)
        {
            if (record.State == SyncState.Synced && record.AdoAttachmentId is { } id && !linked.Contains(id))
            {
                await attachments.MarkDeletedAsync(
                    record with { StateReason = $"the relation was removed from work item {item.Id} in Azure DevOps" },
                    null, cancellationToken);
            }
        }

        return downloads;
    }

    public async Task ApplyWorkItemGoneAsync(int workItemId, CancellationToken cancellationToken)
    {
        var records = await attachments.ListByWorkItemAsync(workItemId, includeDeleted: false, cancellationToken);
        await events.AppendAsync(new SyncEvent("WORK_ITEM_GONE", EventSeverity.Warn,
            $"Work item {workItemId} does not exist in Azure DevOps or cannot be read; {records.Count} records kept.",
            workItemId), cancellationToken);
    }

    private async Task<DeduplicationEntry?> FindStoredContentAsync(
        Guid attachmentId, WorkItemRelation relation, CancellationToken cancellationToken)
    {
        if (RelationMarker.ReadSha256(relation) is not { } sha256)
        {
            return null;
        }

        var entry = await deduplication.GetAsync(sha256, cancellationToken);
        return entry?.AdoAttachmentId == attachmentId && content.Exists(sha256) ? entry : null;
    }

    private async Task<long?> AddFromAdoAsync(
        int workItemId, Guid attachmentId, WorkItemRelation relation, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = await FindStoredContentAsync(attachmentId, relation, cancellationToken);
        var record = new AttachmentRecord
        {
            Id = Guid.NewGuid(),
            WorkItemId = workItemId,
            FileName = relation.Name ?? attachmentId.ToString(),
            Source = AttachmentSource.Ado,
            State = SyncState.Pending,
            FileSize = relation.ResourceSize,
            AdoAttachmentId = attachmentId,
            AdoAttachmentUrl = connection.Urls.Attachment(attachmentId),
            CreatedAt = now,
            UpdatedAt = now,
        };

        if (stored is not null)
        {
            // The same attachment is already in the store (linked elsewhere by us): record it, download nothing.
            record = record with { State = SyncState.Synced, Sha256 = stored.Sha256, FileSize = stored.FileSize };
            await TryAddAsync(record, null, cancellationToken);
            return null;
        }

        var job = SyncJob.Create(SyncJobType.Download, workItemId, record.Id, now);
        var jobId = await TryAddAsync(record, job, cancellationToken);
        signals.NotifyEnqueued();
        return jobId;
    }

    private async Task<long?> TryAddAsync(AttachmentRecord record, SyncJob? job, CancellationToken cancellationToken)
    {
        try
        {
            return await attachments.AddAsync(record, job, cancellationToken);
        }
        catch (DuplicateAttachmentException)
        {
            // A concurrent reconcile of the same work item recorded this attachment first.
            return null;
        }
    }
}

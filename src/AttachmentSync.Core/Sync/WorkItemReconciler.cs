using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Diagnostics;
using AttachmentSync.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Compares a work item's AttachedFile relations with the ledger. A relation whose GUID the ledger does not
/// know becomes a new record with a download job (our own uploads are recorded before they are linked, so
/// they never come back as new files). A synced record whose relation is missing from a later revision than
/// the one at which the relation was last seen is soft-deleted, unless <see cref="DeleteGuard"/> finds too
/// many at once. Reading the current item and comparing revisions makes the result independent of the order
/// in which webhooks arrive.
/// </summary>
public sealed partial class WorkItemReconciler(
    IAttachmentRepository attachments,
    IDeduplicationIndex deduplication,
    IContentStore content,
    IEventLog events,
    AdoConnection connection,
    JobSignals signals,
    DeleteGuard deleteGuard,
    TimeProvider timeProvider,
    ILogger<WorkItemReconciler> logger)
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

            if (await AddFromAdoAsync(item, attachmentId, relation, cancellationToken) is { } jobId)
            {
                downloads.Add(jobId);
            }
        }

        var missing = records.Where(record => IsRemovedAt(record, item, linked)).ToList();
        if (missing.Count > 0)
        {
            await DeleteMissingAsync(item, records, missing, cancellationToken);
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

    private static bool IsRemovedAt(AttachmentRecord record, WorkItem item, HashSet<Guid> linked) =>
        record.State == SyncState.Synced
        && record.AdoAttachmentId is { } id
        && !linked.Contains(id)
        && item.Rev > (record.RelationRev ?? 0);

    private async Task DeleteMissingAsync(
        WorkItem item, IReadOnlyList<AttachmentRecord> records, List<AttachmentRecord> missing,
        CancellationToken cancellationToken)
    {
        var live = records.Count(record => record.State is not (SyncState.Deleted or SyncState.Failed));
        if (!deleteGuard.Allows(missing.Count, live))
        {
            await KeepGuardedAsync(item, missing, live, cancellationToken);
            return;
        }

        foreach (var record in missing)
        {
            await attachments.MarkDeletedAsync(
                record with { StateReason = $"the relation was removed from work item {item.Id} in Azure DevOps" },
                null, cancellationToken);
        }
    }

    private async Task KeepGuardedAsync(
        WorkItem item, List<AttachmentRecord> missing, int live, CancellationToken cancellationToken)
    {
        var reason = deleteGuard.Reason(item.Id, item.Rev, missing.Count, live);
        var changed = missing.Where(record => record.StateReason != reason).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var record in changed)
        {
            await attachments.UpdateAsync(record with { StateReason = reason }, cancellationToken);
        }

        LogDeleteGuard(logger, item.Id, item.Rev, missing.Count, live);
        await events.AppendAsync(new SyncEvent("DELETE_GUARD", EventSeverity.Warn,
            $"Work item {item.Id} at revision {item.Rev} lacks {missing.Count} of {live} relations; none were " +
            "deleted because that is over Sync:MaxDeleteShare.", item.Id), cancellationToken);
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
        WorkItem item, Guid attachmentId, WorkItemRelation relation, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = await FindStoredContentAsync(attachmentId, relation, cancellationToken);
        var record = new AttachmentRecord
        {
            Id = Guid.NewGuid(),
            WorkItemId = item.Id,
            FileName = relation.Name ?? attachmentId.ToString(),
            Source = AttachmentSource.Ado,
            State = SyncState.Pending,
            FileSize = relation.ResourceSize,
            AdoAttachmentId = attachmentId,
            AdoAttachmentUrl = connection.Urls.Attachment(attachmentId),
            RelationRev = item.Rev,
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

        var job = SyncJob.Create(SyncJobType.Download, item.Id, record.Id, now);
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

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning,
        Message = "Work item {WorkItemId} at revision {Rev} lacks {Missing} of {Live} relations; the delete guard kept them")]
    private static partial void LogDeleteGuard(ILogger logger, int workItemId, int rev, int missing, int live);
}

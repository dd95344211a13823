using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Adds and removes AttachedFile relations safely while others edit the same work item: every PATCH
/// starts with <c>test /rev</c> of the revision just read, and a conflict (412, or 409 from a concurrent
/// save) re-reads the item and tries again. Before adding, the freshly read item is checked for a relation
/// with the same attachment GUID, so a link made just before a crash is recognised and not added twice.
/// </summary>
public sealed class WorkItemLinker(AdoWorkItemsClient workItems)
{
    private const int MaxConflictRetries = 8;

    /// <summary>
    /// Links the record's attachment unless the work item already carries it, and returns the revision at
    /// which the work item carries the relation.
    /// </summary>
    public Task<int> LinkAsync(AttachmentRecord record, CancellationToken cancellationToken) =>
        PatchWithRetryAsync(record.WorkItemId, item =>
        {
            if (item.AttachedFiles().Any(pair => pair.Relation.AttachmentId == record.AdoAttachmentId))
            {
                return null;
            }

            var url = $"{record.AdoAttachmentUrl}?fileName={Uri.EscapeDataString(record.FileName)}";
            return JsonPatchOperation.AddAttachedFile(url, RelationMarker.For(record.Sha256!));
        }, cancellationToken);

    /// <summary>Removes the work item's relation to the attachment, if it has one.</summary>
    public Task<int> UnlinkAsync(int workItemId, Guid attachmentId, CancellationToken cancellationToken) =>
        PatchWithRetryAsync(workItemId, item =>
        {
            var match = item.AttachedFiles().FirstOrDefault(pair => pair.Relation.AttachmentId == attachmentId);
            return match.Relation is null ? null : JsonPatchOperation.RemoveRelation(match.Index);
        }, cancellationToken);

    private async Task<int> PatchWithRetryAsync(
        int workItemId, Func<WorkItem, JsonPatchOperation?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = await ReadAsync(workItemId, cancellationToken);
            if (change(item) is not { } operation)
            {
                return item.Rev;
            }

            try
            {
                var updated = await workItems.UpdateAsync(
                    workItemId, [JsonPatchOperation.TestRev(item.Rev), operation], cancellationToken);
                return updated.Rev;
            }
            catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.Conflict && attempt < MaxConflictRetries)
            {
                // Someone saved the work item between our read and our write; read it again.
            }
            catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
            {
                throw WorkItemGone(workItemId, exception);
            }
        }
    }

    private async Task<WorkItem> ReadAsync(int workItemId, CancellationToken cancellationToken)
    {
        try
        {
            return await workItems.GetAsync(workItemId, cancellationToken);
        }
        catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.NotFound)
        {
            throw WorkItemGone(workItemId, exception);
        }
    }

    private static JobFailedException WorkItemGone(int workItemId, AdoApiException exception) =>
        new($"work item {workItemId} was deleted in Azure DevOps, or the PAT may not read it ({exception.Message})",
            isPermanent: true);
}

using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Models;
using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Adds and removes AttachedFile relations safely while others edit the same work item: every PATCH
/// starts with <c>test /rev</c> of the revision just read, and a conflict (412, or 409 from a concurrent
/// save) re-reads the item and tries again.
/// </summary>
public sealed class WorkItemLinker(AdoWorkItemsClient workItems)
{
    private const int MaxConflictRetries = 8;

    /// <summary>Links the record's attachment unless the work item already carries it.</summary>
    public Task LinkAsync(AttachmentRecord record, CancellationToken cancellationToken) =>
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
    public Task UnlinkAsync(int workItemId, Guid attachmentId, CancellationToken cancellationToken) =>
        PatchWithRetryAsync(workItemId, item =>
        {
            var match = item.AttachedFiles().FirstOrDefault(pair => pair.Relation.AttachmentId == attachmentId);
            return match.Relation is null ? null : JsonPatchOperation.RemoveRelation(match.Index);
        }, cancellationToken);

    private async Task PatchWithRetryAsync(
        int workItemId, Func<WorkItem, JsonPatchOperation?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = await workItems.GetAsync(workItemId, cancellationToken);
            if (change(item) is not { } operation)
            {
                return;
            }

            try
            {
                await workItems.UpdateAsync(workItemId, [JsonPatchOperation.TestRev(item.Rev), operation], cancellationToken);
                return;
            }
            catch (AdoApiException exception) when (exception.Kind == AdoErrorKind.Conflict && attempt < MaxConflictRetries)
            {
                // Someone saved the work item between our read and our write; read it again.
            }
        }
    }
}

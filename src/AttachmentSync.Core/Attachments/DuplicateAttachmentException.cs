namespace AttachmentSync.Core.Attachments;

/// <summary>
/// Raised when a work item already has a live record of the same tool content or of the same Azure DevOps
/// attachment, usually because a concurrent request added it first.
/// </summary>
public sealed class DuplicateAttachmentException(int workItemId, Exception? innerException = null)
    : Exception($"Work item {workItemId} already has a live record of this attachment.", innerException)
{
    public int WorkItemId { get; } = workItemId;
}

namespace AttachmentSync.Core.Attachments;

/// <summary>Raised when a work item already has a live record of the same content from the tool.</summary>
public sealed class DuplicateAttachmentException(int workItemId, string sha256, Exception? innerException = null)
    : Exception($"Work item {workItemId} already has content {sha256}.", innerException)
{
    public int WorkItemId { get; } = workItemId;

    public string Sha256 { get; } = sha256;
}

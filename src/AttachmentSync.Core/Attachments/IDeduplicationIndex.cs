namespace AttachmentSync.Core.Attachments;

/// <summary>Map from content hash to the Azure DevOps attachment that holds it.</summary>
public interface IDeduplicationIndex
{
    Task<DeduplicationEntry?> GetAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Adds the entry, or counts one more use of content that is already indexed.</summary>
    Task RecordAsync(string sha256, Guid adoAttachmentId, string adoAttachmentUrl, long fileSize,
        CancellationToken cancellationToken);
}

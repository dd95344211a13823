namespace AttachmentSync.Core.Attachments;

/// <summary>
/// Content already held by Azure DevOps (<c>deduplication_index</c>): linking the same bytes to another work
/// item reuses the attachment instead of uploading it again.
/// </summary>
public sealed record DeduplicationEntry(
    string Sha256,
    Guid AdoAttachmentId,
    string AdoAttachmentUrl,
    long FileSize,
    int DuplicateCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

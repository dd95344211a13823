namespace AttachmentSync.Core.Attachments;

/// <summary>
/// One file on one work item, as the ledger tracks it. The file name is metadata only: the content is
/// addressed by <see cref="Sha256"/>.
/// </summary>
public sealed record AttachmentRecord
{
    public required Guid Id { get; init; }

    public required int WorkItemId { get; init; }

    public required string FileName { get; init; }

    public required AttachmentSource Source { get; init; }

    public required SyncState State { get; init; }

    /// <summary>Why the record is not synced, in words a person can act on; null when synced.</summary>
    public string? StateReason { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content; null until the bytes are stored locally.</summary>
    public string? Sha256 { get; init; }

    public long? FileSize { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Attachment id in Azure DevOps (the GUID in the attachment URL).</summary>
    public Guid? AdoAttachmentId { get; init; }

    public string? AdoAttachmentUrl { get; init; }

    /// <summary>
    /// Work item revision at which the ledger last saw or made this record's relation. Reconciliation
    /// soft-deletes a record only when it reads a later revision without the relation, so an older read
    /// never undoes a newer link.
    /// </summary>
    public int? RelationRev { get; init; }

    /// <summary>
    /// Azure DevOps id of a chunked upload that has started but not finished; null when no chunked upload
    /// is in flight. Kept so a restarted upload continues at <see cref="ChunkedUploadOffset"/>.
    /// </summary>
    public Guid? ChunkedUploadId { get; init; }

    /// <summary>Bytes of the chunked upload that Azure DevOps acknowledged.</summary>
    public long? ChunkedUploadOffset { get; init; }

    /// <summary>When the content of this soft-deleted record was removed from the store, or null.</summary>
    public DateTimeOffset? ContentPurgedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }
}

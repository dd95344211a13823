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

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }
}

namespace AttachmentSync.Core.Attachments;

/// <summary>
/// Lifecycle of one attachment record. Stored in upper case in <c>attachment_sync_metadata.sync_status</c>.
/// </summary>
public enum SyncState
{
    /// <summary>Recorded, waiting for its first job.</summary>
    Pending,

    /// <summary>Bytes are being sent to Azure DevOps.</summary>
    Uploading,

    /// <summary>Azure DevOps has the bytes, but the work item relation is not confirmed yet.</summary>
    Uploaded,

    /// <summary>The work item carries the relation; local metadata is being finished.</summary>
    Linked,

    /// <summary>Bytes are being fetched from Azure DevOps into the local store.</summary>
    Downloading,

    /// <summary>Both sides hold the same bytes.</summary>
    Synced,

    /// <summary>A permanent failure stopped the work, and <see cref="AttachmentRecord.StateReason"/> gives the reason.</summary>
    Failed,

    /// <summary>Soft-deleted on one side; the other side is updated by an unlink job.</summary>
    Deleted,
}

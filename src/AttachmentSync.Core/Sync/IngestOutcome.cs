using AttachmentSync.Core.Attachments;

namespace AttachmentSync.Core.Sync;

/// <summary>How a file sent by the tool was taken in; the host maps each to one HTTP status.</summary>
public enum IngestStatus
{
    /// <summary>Azure DevOps holds the file and the work item links it (201).</summary>
    Synced,

    /// <summary>Stored locally; a job finishes the upload because Azure DevOps was slow or failing (202).</summary>
    Pending,

    /// <summary>The work item already had this content; nothing was uploaded (200).</summary>
    AlreadyPresent,

    /// <summary>The work item does not exist in Azure DevOps (404).</summary>
    WorkItemNotFound,

    /// <summary>Azure DevOps rejected the file for good, for example over its size limit (422).</summary>
    Rejected,
}

/// <summary>Result of taking in one file: the status and, except for a missing work item, the record.</summary>
public sealed record IngestOutcome(IngestStatus Status, AttachmentRecord? Record, string? Detail = null);

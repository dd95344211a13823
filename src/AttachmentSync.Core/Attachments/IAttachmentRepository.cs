using AttachmentSync.Core.Jobs;

namespace AttachmentSync.Core.Attachments;

/// <summary>Ledger of attachment records (<c>attachment_sync_metadata</c>).</summary>
public interface IAttachmentRepository
{
    /// <summary>
    /// Inserts a record and, when given, the job that will act on it, in one transaction; returns the job id. Throws
    /// <see cref="DuplicateAttachmentException"/> when the work item already has a live record of the same
    /// Azure DevOps attachment, or a live tool record of the same content.
    /// </summary>
    Task<long?> AddAsync(AttachmentRecord record, SyncJob? job, CancellationToken cancellationToken);

    Task<AttachmentRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Finds a record by our id or, failing that, by its Azure DevOps attachment id.</summary>
    Task<AttachmentRecord?> FindByAnyIdAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<AttachmentRecord>> ListByWorkItemAsync(
        int workItemId, bool includeDeleted, CancellationToken cancellationToken);

    /// <summary>Lists live records of any work item that hold the given content.</summary>
    Task<IReadOnlyList<AttachmentRecord>> ListByContentAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Writes the record's new state and fields, and appends the transition to the event log.</summary>
    Task UpdateAsync(AttachmentRecord record, CancellationToken cancellationToken);

    /// <summary>Soft-deletes a record and enqueues the job that carries the delete to the other side.</summary>
    Task MarkDeletedAsync(AttachmentRecord record, SyncJob? job, CancellationToken cancellationToken);
}

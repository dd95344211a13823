namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Store capability for the tus <c>termination</c> extension.
/// </summary>
public interface ITusTerminationStore
{
    /// <summary>Deletes the upload and its bytes. Returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(string uploadId, CancellationToken cancellationToken);
}

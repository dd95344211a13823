namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Store capability for the tus <c>expiration</c> extension.
/// </summary>
public interface ITusExpirationStore
{
    /// <summary>Persists a new expiry time for the upload.</summary>
    Task SetExpiresAtAsync(string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the uploads expired at <paramref name="now"/>, except completed ones whose completion handler has not
    /// finished.
    /// </summary>
    Task<IReadOnlyList<TusUpload>> GetExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes an expired upload and its bytes. Returns false when it did not exist.</summary>
    Task<bool> RemoveExpiredAsync(string uploadId, CancellationToken cancellationToken);
}

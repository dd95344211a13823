namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Core tus store: reads uploads and appends bytes at their offset.
/// </summary>
/// <remarks>
/// Optional extensions are separate interfaces (<see cref="ITusCreationStore"/>, <see cref="ITusTerminationStore"/>,
/// <see cref="ITusExpirationStore"/>, <see cref="ITusChecksumStore"/>); the endpoint announces and serves an
/// extension only when the store implements its interface. Callers serialize calls for one upload id.
/// </remarks>
public interface ITusStore
{
    /// <summary>Returns the upload with this id, or null when it does not exist.</summary>
    Task<TusUpload?> GetUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="data"/> to the upload, starting at <paramref name="offset"/>.
    /// </summary>
    /// <remarks>
    /// Checks <paramref name="offset"/> against the stored offset before writing. When reading
    /// <paramref name="data"/> fails or is cancelled, the bytes read so far are kept and persisted.
    /// </remarks>
    Task<TusAppendResult> AppendAsync(string uploadId, long offset, Stream data, CancellationToken cancellationToken);

    /// <summary>Opens the stored bytes of an upload for reading.</summary>
    Task<Stream> OpenReadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Persists that the completion handler has finished for this upload.</summary>
    Task MarkCompletionHandledAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Returns the completed uploads whose completion handler has not finished yet.</summary>
    Task<IReadOnlyList<TusUpload>> GetPendingCompletionsAsync(CancellationToken cancellationToken);
}

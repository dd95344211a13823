namespace AttachmentSync.Tus;

/// <summary>
/// State of one upload as the store persists it.
/// </summary>
/// <param name="Id">Upload id, 32 lowercase hexadecimal characters, used in the upload URL.</param>
/// <param name="Length">Total size in bytes declared by Upload-Length.</param>
/// <param name="Offset">Number of bytes received and persisted so far.</param>
/// <param name="Metadata">Decoded Upload-Metadata values by key, exactly as sent (no normalization).</param>
/// <param name="RawMetadata">Upload-Metadata header as received, returned unchanged on HEAD.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="ExpiresAt">Time after which the upload is expired, or null when it never expires.</param>
/// <param name="CompletionHandled">
/// True once the completion handler has returned successfully for this upload.
/// </param>
public sealed record TusUpload(
    string Id,
    long Length,
    long Offset,
    IReadOnlyDictionary<string, string> Metadata,
    string? RawMetadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool CompletionHandled)
{
    /// <summary>True when every byte of the upload has been received.</summary>
    public bool IsCompleted => Offset == Length;

    /// <summary>Returns whether the upload has expired at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

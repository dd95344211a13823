namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Store capability for the tus <c>creation</c> extension (and <c>creation-with-upload</c>).
/// </summary>
public interface ITusCreationStore
{
    /// <summary>Creates an empty upload and returns it with a new id.</summary>
    Task<TusUpload> CreateAsync(TusCreateRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Values of a validated creation request.
/// </summary>
/// <param name="Length">Upload-Length in bytes.</param>
/// <param name="Metadata">Decoded Upload-Metadata values.</param>
/// <param name="RawMetadata">Upload-Metadata header as received, or null when absent.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="ExpiresAt">Expiry time, or null when uploads do not expire.</param>
public sealed record TusCreateRequest(
    long Length,
    IReadOnlyDictionary<string, string> Metadata,
    string? RawMetadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

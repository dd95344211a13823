namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Store capability for the tus <c>checksum</c> extension.
/// </summary>
public interface ITusChecksumStore
{
    /// <summary>Supported algorithm names, lowercase, as announced in Tus-Checksum-Algorithm.</summary>
    IReadOnlyList<string> ChecksumAlgorithms { get; }

    /// <summary>
    /// Appends <paramref name="data"/> like <see cref="ITusStore.AppendAsync"/> and keeps it only when its digest
    /// equals <paramref name="checksum"/>.
    /// </summary>
    /// <remarks>
    /// On a mismatch, or when reading <paramref name="data"/> fails before its end so the chunk cannot be verified,
    /// the chunk is discarded and the offset stays where it was.
    /// </remarks>
    Task<TusAppendResult> AppendVerifiedAsync(
        string uploadId,
        long offset,
        Stream data,
        TusChecksum checksum,
        CancellationToken cancellationToken);
}

/// <summary>
/// Expected digest of one chunk, from an Upload-Checksum header.
/// </summary>
/// <param name="Algorithm">Lowercase algorithm name, such as <c>sha1</c> or <c>sha256</c>.</param>
/// <param name="Digest">Expected digest bytes.</param>
public sealed record TusChecksum(string Algorithm, byte[] Digest);

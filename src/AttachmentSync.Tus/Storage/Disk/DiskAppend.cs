using System.Security.Cryptography;

namespace AttachmentSync.Tus.Storage.Disk;

/// <summary>
/// Appends one chunk: checks the offset, copies the bytes, verifies an optional checksum and persists the new offset.
/// </summary>
internal static class DiskAppend
{
    public static async Task<TusAppendResult> RunAsync(
        DiskUploadFiles files,
        string uploadId,
        long offset,
        Stream data,
        TusChecksum? checksum,
        CancellationToken cancellationToken)
    {
        var upload = await files.ReadInfoAsync(uploadId, cancellationToken);
        if (upload is null)
        {
            return new TusAppendResult(TusAppendStatus.NotFound, null);
        }

        // The offset is checked before the data file is opened, so a stale request never writes.
        if (upload.Offset != offset)
        {
            return new TusAppendResult(TusAppendStatus.OffsetMismatch, upload);
        }

        using var hash = checksum is null ? null : CreateHash(checksum.Algorithm);
        var path = files.DataPath(uploadId);

        // A chunk with a checksum is kept only as a whole, so its offset is never persisted part way.
        Func<long, Task>? checkpoint = checksum is null
            ? written => files.WriteInfoAsync(upload with { Offset = offset + written }, CancellationToken.None)
            : null;

        var chunk = await DiskChunkWriter.WriteAsync(
            path, offset, upload.Length - offset, data, hash, checkpoint, cancellationToken);

        var rejection = Reject(chunk, hash, checksum);
        if (rejection is { } status)
        {
            DiskChunkWriter.Truncate(path, offset);
            return new TusAppendResult(status, upload);
        }

        var updated = upload with { Offset = offset + chunk.Written };
        if (chunk.Written > 0)
        {
            await files.WriteInfoAsync(updated, CancellationToken.None);
        }

        var appended = chunk.Interrupted ? TusAppendStatus.Interrupted : TusAppendStatus.Appended;
        return new TusAppendResult(appended, updated);
    }

    /// <summary>Returns why the written chunk must be discarded, or null to keep it.</summary>
    private static TusAppendStatus? Reject(DiskChunk chunk, IncrementalHash? hash, TusChecksum? checksum)
    {
        if (chunk.Exceeded)
        {
            return TusAppendStatus.ExceedsLength;
        }

        if (hash is null || checksum is null)
        {
            return null;
        }

        // A chunk cut short cannot be verified against the digest of the whole chunk.
        if (chunk.Interrupted)
        {
            return TusAppendStatus.InterruptedAndDiscarded;
        }

        var digest = hash.GetHashAndReset();
        return CryptographicOperations.FixedTimeEquals(digest, checksum.Digest)
            ? null
            : TusAppendStatus.ChecksumMismatch;
    }

    private static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        "sha1" => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        "sha256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        _ => throw new ArgumentException($"Unsupported checksum algorithm '{algorithm}'.", nameof(algorithm)),
    };
}

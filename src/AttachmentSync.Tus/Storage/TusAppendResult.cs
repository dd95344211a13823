namespace AttachmentSync.Tus.Storage;

/// <summary>
/// Outcome of appending a chunk to an upload.
/// </summary>
public enum TusAppendStatus
{
    /// <summary>The whole chunk was stored.</summary>
    Appended,

    /// <summary>Reading the chunk failed before its end; the bytes received until then were stored.</summary>
    Interrupted,

    /// <summary>Reading the chunk failed before its end and the received bytes were discarded.</summary>
    InterruptedAndDiscarded,

    /// <summary>The offset of the request did not equal the stored offset; nothing was written.</summary>
    OffsetMismatch,

    /// <summary>The chunk would extend the upload past its length; it was discarded.</summary>
    ExceedsLength,

    /// <summary>The chunk digest did not equal the expected checksum; it was discarded.</summary>
    ChecksumMismatch,

    /// <summary>The upload does not exist.</summary>
    NotFound,
}

/// <summary>
/// Result of an append: its status and the upload as persisted afterwards (null when not found).
/// </summary>
public sealed record TusAppendResult(TusAppendStatus Status, TusUpload? Upload);

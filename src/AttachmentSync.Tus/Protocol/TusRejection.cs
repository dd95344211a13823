namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Reasons a tus request is rejected. <see cref="TusProblemResults"/> maps each to its HTTP status.
/// </summary>
internal enum TusRejection
{
    UnsupportedVersion,
    InvalidHeader,
    UploadNotFound,
    UploadExpired,
    UnsupportedMediaType,
    OffsetMismatch,
    UploadLocked,
    TooLarge,
    ChecksumMismatch,
}

/// <summary>
/// A rejected request: the reason, a sentence for the client, and the header, value received and value expected.
/// </summary>
internal sealed record TusProblem(
    TusRejection Rejection,
    string Detail,
    string? Header = null,
    string? Received = null,
    string? Expected = null,
    string? MetadataKey = null);

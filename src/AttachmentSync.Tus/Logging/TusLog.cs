using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Logging;

/// <summary>
/// Log messages of the tus endpoint. Event ids are stable: 4100-4199.
/// </summary>
internal static partial class TusLog
{
    [LoggerMessage(4100, LogLevel.Information, "Created upload {UploadId} of {Length} bytes")]
    public static partial void UploadCreated(this ILogger logger, string uploadId, long length);

    [LoggerMessage(4101, LogLevel.Debug, "Stored bytes of upload {UploadId} up to offset {Offset}")]
    public static partial void ChunkStored(this ILogger logger, string uploadId, long offset);

    [LoggerMessage(
        4102,
        LogLevel.Information,
        "Request body of upload {UploadId} ended early; kept the bytes up to offset {Offset}")]
    public static partial void ChunkInterrupted(this ILogger logger, string uploadId, long offset);

    [LoggerMessage(
        4103,
        LogLevel.Information,
        "Request body of upload {UploadId} ended early; discarded the chunk because its checksum cannot be verified")]
    public static partial void ChunkDiscarded(this ILogger logger, string uploadId);

    [LoggerMessage(
        4104,
        LogLevel.Warning,
        "Checksum mismatch for upload {UploadId} at offset {Offset}; discarded the chunk")]
    public static partial void ChecksumMismatch(this ILogger logger, string uploadId, long offset);

    [LoggerMessage(4105, LogLevel.Information, "Upload {UploadId} of {Length} bytes completed and handled")]
    public static partial void UploadCompleted(this ILogger logger, string uploadId, long length);

    [LoggerMessage(
        4106,
        LogLevel.Error,
        "Completion handler failed for upload {UploadId}; it runs again at the next start-up or maintenance run")]
    public static partial void CompletionHandlerFailed(this ILogger logger, Exception exception, string uploadId);

    [LoggerMessage(4107, LogLevel.Error, "Upload observer {Observer} failed on {Event} of upload {UploadId}")]
    public static partial void ObserverFailed(
        this ILogger logger, Exception exception, string @event, string uploadId, string observer);

    [LoggerMessage(4108, LogLevel.Information, "Terminated upload {UploadId}")]
    public static partial void UploadTerminated(this ILogger logger, string uploadId);

    [LoggerMessage(4109, LogLevel.Information, "Removed expired upload {UploadId}")]
    public static partial void ExpiredUploadRemoved(this ILogger logger, string uploadId);

    [LoggerMessage(4110, LogLevel.Debug, "Rejected {Method} for upload {UploadId} with {StatusCode}: {Detail}")]
    public static partial void RequestRejected(
        this ILogger logger, string method, string uploadId, int statusCode, string detail);
}

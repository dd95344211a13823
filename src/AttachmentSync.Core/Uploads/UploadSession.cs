namespace AttachmentSync.Core.Uploads;

/// <summary>A resumable upload from the tool, as <c>chunked_upload_sessions</c> records it.</summary>
public sealed record UploadSession(
    string SessionId,
    int? WorkItemId,
    string? FileName,
    long TotalSize,
    long BytesReceived,
    int ChunksReceived,
    UploadSessionStatus Status,
    Guid? AttachmentId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>State of an upload session (stored in upper case).</summary>
public enum UploadSessionStatus
{
    Active,
    Completed,
    Terminated,
    Expired,
}

namespace AttachmentSync.Core.Uploads;

/// <summary>Progress records of resumable uploads (<c>chunked_upload_sessions</c>).</summary>
public interface IUploadSessionRepository
{
    /// <summary>Adds the session unless one with the same id exists.</summary>
    Task AddAsync(UploadSession session, CancellationToken cancellationToken);

    /// <summary>Records a new offset; each call counts one more chunk received.</summary>
    Task RecordProgressAsync(string sessionId, long bytesReceived, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    Task SetStatusAsync(string sessionId, UploadSessionStatus status, Guid? attachmentId, CancellationToken cancellationToken);

    Task<UploadSession?> GetAsync(string sessionId, CancellationToken cancellationToken);
}

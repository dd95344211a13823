using System.Globalization;
using AttachmentSync.Core.Uploads;
using AttachmentSync.Tus;

namespace AttachmentSync.Server.Tus;

/// <summary>Mirrors every tus upload into <c>chunked_upload_sessions</c>, which the session endpoint reports.</summary>
public sealed class TusSessionObserver(IUploadSessionRepository sessions) : ITusUploadObserver
{
    public Task OnCreatedAsync(TusUpload upload, CancellationToken cancellationToken) =>
        sessions.AddAsync(new UploadSession(
            upload.Id,
            TusMetadata.WorkItemId(upload),
            upload.Metadata.GetValueOrDefault(TusMetadata.FileNameKey),
            upload.Length,
            upload.Offset,
            0,
            UploadSessionStatus.Active,
            null,
            upload.ExpiresAt,
            upload.CreatedAt,
            upload.CreatedAt), cancellationToken);

    public Task OnProgressAsync(TusUpload upload, CancellationToken cancellationToken) =>
        sessions.RecordProgressAsync(upload.Id, upload.Offset, upload.ExpiresAt, cancellationToken);

    public Task OnTerminatedAsync(TusUpload upload, CancellationToken cancellationToken) =>
        sessions.SetStatusAsync(upload.Id, UploadSessionStatus.Terminated, null, cancellationToken);

    public Task OnExpiredAsync(TusUpload upload, CancellationToken cancellationToken) =>
        sessions.SetStatusAsync(upload.Id, UploadSessionStatus.Expired, null, cancellationToken);
}

/// <summary>The metadata keys the service requires on a tus upload, and their parsing.</summary>
public static class TusMetadata
{
    public const string FileNameKey = "filename";
    public const string WorkItemIdKey = "workItemId";

    public static int? WorkItemId(TusUpload upload) =>
        int.TryParse(upload.Metadata.GetValueOrDefault(WorkItemIdKey), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && id > 0
            ? id
            : null;
}

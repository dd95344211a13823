namespace AttachmentSync.Tus;

/// <summary>
/// Host notifications about the life of uploads, for example to record sessions in the host's own table.
/// </summary>
/// <remarks>
/// Every observer registered in the service collection is called. An exception thrown by an observer is logged
/// and does not change the response to the client. Each method does nothing unless implemented.
/// </remarks>
public interface ITusUploadObserver
{
    /// <summary>Called after an upload has been created (before any body sent with the creation is stored).</summary>
    Task OnCreatedAsync(TusUpload upload, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called after each PATCH, or creation with a body, has stored bytes. <see cref="TusUpload.Offset"/> is the new
    /// offset.
    /// </summary>
    Task OnProgressAsync(TusUpload upload, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a client has deleted an upload.</summary>
    Task OnTerminatedAsync(TusUpload upload, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after an expired upload and its files have been removed.</summary>
    Task OnExpiredAsync(TusUpload upload, CancellationToken cancellationToken) => Task.CompletedTask;
}

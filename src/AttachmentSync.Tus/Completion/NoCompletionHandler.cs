namespace AttachmentSync.Tus.Completion;

/// <summary>
/// Completion handler used when the host registers none.
/// </summary>
internal sealed class NoCompletionHandler : ITusCompletionHandler
{
    public Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken) => Task.CompletedTask;
}

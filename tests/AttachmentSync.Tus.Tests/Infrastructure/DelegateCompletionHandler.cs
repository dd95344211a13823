using AttachmentSync.Tus.Storage;

namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// Completion handler that runs a test's function with the store, to read the completed bytes.
/// </summary>
internal sealed class DelegateCompletionHandler(Func<TusUpload, ITusStore, Task> onCompleted) : ITusCompletionHandler
{
    public ITusStore? Store { get; set; }

    public Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken) =>
        onCompleted(upload, Store!);
}

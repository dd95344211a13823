namespace AttachmentSync.Tus;

/// <summary>
/// Host code that runs once an upload has received all of its bytes.
/// </summary>
/// <remarks>
/// The handler runs once per upload: a retried final PATCH does not run it again. It is recorded as done only
/// after it returns, so a process that stops while it runs (or a handler that throws) leads to another run,
/// at the next start-up or the next <see cref="TusMaintenance.RunPendingCompletionsAsync"/>.
/// Implementations must therefore be idempotent, keyed by <see cref="TusUpload.Id"/>.
/// </remarks>
public interface ITusCompletionHandler
{
    /// <summary>
    /// Processes a completed upload. Read its bytes with <see cref="Storage.ITusStore.OpenReadAsync"/>.
    /// </summary>
    Task OnUploadCompletedAsync(TusUpload upload, CancellationToken cancellationToken);
}

using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Completion;

/// <summary>
/// Runs the host's completion handler for a completed upload and persists that it finished.
/// </summary>
/// <remarks>
/// The marker is written only after the handler returns. The caller holds the upload's lock, so two requests never
/// run the handler for one upload at the same time.
/// </remarks>
internal sealed class TusCompletionRunner(
    ITusStore store,
    ITusCompletionHandler handler,
    IHostApplicationLifetime lifetime,
    ILogger<TusCompletionRunner> logger)
{
    /// <summary>
    /// Runs the handler unless the upload is incomplete or already handled. Returns the upload as persisted.
    /// </summary>
    public async Task<TusUpload> RunAsync(TusUpload upload)
    {
        if (!upload.IsCompleted || upload.CompletionHandled)
        {
            return upload;
        }

        try
        {
            await handler.OnUploadCompletedAsync(upload, lifetime.ApplicationStopping);
        }
        catch (Exception ex)
        {
            // The upload stays pending, so the handler runs again at the next start-up or maintenance run.
            logger.CompletionHandlerFailed(ex, upload.Id);
            return upload;
        }

        await store.MarkCompletionHandledAsync(upload.Id, CancellationToken.None);
        logger.UploadCompleted(upload.Id, upload.Length);
        return upload with { CompletionHandled = true };
    }
}

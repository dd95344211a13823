using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Deletes an upload on request of the client.
/// </summary>
/// <remarks>
/// tus 1.0.0 termination: DELETE removes the upload and its bytes and returns 204 No Content; later requests for
/// it get 404 Not Found. An upload receiving a PATCH is locked (423) until that request ends.
/// </remarks>
internal sealed class TerminationHandler(
    TusCapabilities capabilities,
    TusUploadLocks locks,
    TusObserverNotifier notifier,
    ILogger<TerminationHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context, string id)
    {
        if (!TusUploadId.IsValid(id))
        {
            return TusRequestHeaders.NotFound(id).ToResult();
        }

        using var lease = locks.TryAcquire(id);
        if (lease is null)
        {
            return TusRequestHeaders.Locked(id).ToResult();
        }

        var upload = await capabilities.Store.GetUploadAsync(id, context.RequestAborted);
        if (upload is null || !await capabilities.Termination!.DeleteAsync(id, CancellationToken.None))
        {
            return TusRequestHeaders.NotFound(id).ToResult();
        }

        logger.UploadTerminated(id);
        await notifier.TerminatedAsync(upload);
        return Results.NoContent();
    }
}

using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Protocol;
using AttachmentSync.Tus.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Stores a request body at an offset and runs what follows a write: expiry renewal, progress and completion.
/// Shared by PATCH and creation-with-upload.
/// </summary>
internal sealed class UploadAppender(
    TusCapabilities capabilities,
    IOptions<TusOptions> options,
    TimeProvider timeProvider,
    TusObserverNotifier notifier,
    TusCompletionRunner completion,
    ILogger<UploadAppender> logger)
{
    /// <summary>
    /// Appends the request body. The caller holds the upload's lock and has checked Content-Type.
    /// </summary>
    public async Task<(TusUpload Upload, TusProblem? Problem)> AppendAsync(
        HttpContext context, TusUpload upload, long offset, TusChecksum? checksum)
    {
        var bodyLength = context.Request.ContentLength;
        if (offset + bodyLength > upload.Length)
        {
            return (upload, TooLarge(upload, offset));
        }

        // Chunks of multi-gigabyte uploads exceed Kestrel's default body limit; tus limits them by Upload-Length.
        var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        var body = context.Request.Body;
        var aborted = context.RequestAborted;
        var result = checksum is null
            ? await capabilities.Store.AppendAsync(upload.Id, offset, body, aborted)
            : await capabilities.Checksum!.AppendVerifiedAsync(upload.Id, offset, body, checksum, aborted);

        var problem = ToProblem(result, upload, offset);
        if (problem is not null || result.Upload is null)
        {
            return (result.Upload ?? upload, problem ?? TusRequestHeaders.NotFound(upload.Id));
        }

        var stored = await RenewExpiryAsync(result.Upload);
        if (result.Status == TusAppendStatus.Interrupted)
        {
            logger.ChunkInterrupted(stored.Id, stored.Offset);
        }
        else
        {
            logger.ChunkStored(stored.Id, stored.Offset);
        }

        await notifier.ProgressAsync(stored);
        return (await completion.RunAsync(stored), null);
    }

    private TusProblem? ToProblem(TusAppendResult result, TusUpload upload, long offset)
    {
        switch (result.Status)
        {
            case TusAppendStatus.NotFound:
                return TusRequestHeaders.NotFound(upload.Id);
            case TusAppendStatus.OffsetMismatch:
                return TusRequestHeaders.OffsetMismatch(offset, result.Upload!.Offset);
            case TusAppendStatus.ExceedsLength:
                return TooLarge(upload, offset);
            case TusAppendStatus.ChecksumMismatch:
                logger.ChecksumMismatch(upload.Id, offset);
                return new TusProblem(
                    TusRejection.ChecksumMismatch,
                    "The digest of the request body does not match Upload-Checksum; the chunk was discarded.",
                    TusHeaders.UploadChecksum);
            case TusAppendStatus.InterruptedAndDiscarded:
                logger.ChunkDiscarded(upload.Id);
                return new TusProblem(
                    TusRejection.InvalidHeader,
                    "The request body ended before its end; a chunk with Upload-Checksum is kept only when complete.",
                    TusHeaders.UploadChecksum);
            default:
                return null;
        }
    }

    private async Task<TusUpload> RenewExpiryAsync(TusUpload upload)
    {
        if (capabilities.Expiration is null)
        {
            return upload;
        }

        var expiresAt = timeProvider.GetUtcNow() + options.Value.Expiration;
        await capabilities.Expiration.SetExpiresAtAsync(upload.Id, expiresAt, CancellationToken.None);
        return upload with { ExpiresAt = expiresAt };
    }

    private static TusProblem TooLarge(TusUpload upload, long offset) =>
        new(
            TusRejection.TooLarge,
            $"The request body is longer than the {upload.Length - offset} bytes left in the upload.",
            "Content-Length",
            Expected: $"at most {upload.Length - offset} bytes");
}

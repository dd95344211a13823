using System.Globalization;
using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Applies a PATCH request body to an upload at its Upload-Offset.
/// </summary>
/// <remarks>
/// tus 1.0.0 core (PATCH): Content-Type must be application/offset+octet-stream (else 415) and Upload-Offset must
/// equal the upload's current offset (else 409). Success is 204 No Content with the new Upload-Offset.
/// The checksum extension rejects an unsupported algorithm with 400 and a digest mismatch with 460, and the
/// expiration extension adds Upload-Expires to the response.
/// </remarks>
internal sealed class PatchHandler(
    TusCapabilities capabilities,
    TusUploadLocks locks,
    UploadAppender appender,
    TimeProvider timeProvider,
    ILogger<PatchHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context, string id)
    {
        var (upload, problem) = await ApplyAsync(context, id);
        if (problem is not null)
        {
            var statusCode = TusProblemResults.StatusCode(problem.Rejection);
            logger.RequestRejected(context.Request.Method, id, statusCode, problem.Detail);
            return problem.ToResult();
        }

        var headers = context.Response.Headers;
        headers[TusHeaders.UploadOffset] = upload!.Offset.ToString(CultureInfo.InvariantCulture);
        if (upload.ExpiresAt is { } expiresAt)
        {
            headers[TusHeaders.UploadExpires] = TusRequestHeaders.FormatExpires(expiresAt);
        }

        return Results.NoContent();
    }

    private async Task<(TusUpload? Upload, TusProblem? Problem)> ApplyAsync(HttpContext context, string id)
    {
        if (!TusUploadId.IsValid(id))
        {
            return (null, TusRequestHeaders.NotFound(id));
        }

        if (TusRequestHeaders.CheckOffsetContentType(context.Request) is { } contentTypeProblem)
        {
            return (null, contentTypeProblem);
        }

        var (offset, offsetProblem) = TusRequestHeaders.ParseNonNegative(context.Request, TusHeaders.UploadOffset);
        if (offsetProblem is not null)
        {
            return (null, offsetProblem);
        }

        var (checksum, checksumProblem) = UploadChecksumParser.FromRequest(context.Request, capabilities.Checksum);
        if (checksumProblem is not null)
        {
            return (null, checksumProblem);
        }

        using var lease = locks.TryAcquire(id);
        if (lease is null)
        {
            return (null, TusRequestHeaders.Locked(id));
        }

        var upload = await capabilities.Store.GetUploadAsync(id, context.RequestAborted);
        if (upload is null)
        {
            return (null, TusRequestHeaders.NotFound(id));
        }

        if (upload.IsExpiredAt(timeProvider.GetUtcNow()))
        {
            return (null, TusRequestHeaders.Expired(upload));
        }

        // Checked before the body is read, so a stale or repeated request writes nothing.
        if (upload.Offset != offset)
        {
            return (null, TusRequestHeaders.OffsetMismatch(offset, upload.Offset));
        }

        return await appender.AppendAsync(context, upload, offset, checksum);
    }
}

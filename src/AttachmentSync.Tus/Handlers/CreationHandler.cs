using System.Globalization;
using AttachmentSync.Tus.Completion;
using AttachmentSync.Tus.Logging;
using AttachmentSync.Tus.Protocol;
using AttachmentSync.Tus.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Creates an upload from a POST request, and stores its body when it has one.
/// </summary>
/// <remarks>
/// tus 1.0.0 creation: POST with Upload-Length and optional Upload-Metadata returns 201 Created with the upload URL in
/// Location. Upload-Length above Tus-Max-Size is rejected with 413. Upload-Defer-Length is not supported, so
/// Upload-Length is required. creation-with-upload: a body of type application/offset+octet-stream is stored from
/// offset 0 and the response carries Upload-Offset. A zero-length upload is complete once created.
/// </remarks>
internal sealed class CreationHandler(
    TusCapabilities capabilities,
    CreationRequestReader reader,
    TusUploadLocks locks,
    UploadAppender appender,
    TusObserverNotifier notifier,
    TusCompletionRunner completion,
    ILogger<CreationHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (request, problem) = reader.Read(context.Request);
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
        if (problem is null && hasBody)
        {
            problem = TusRequestHeaders.CheckOffsetContentType(context.Request);
        }

        TusChecksum? checksum = null;
        if (problem is null && hasBody)
        {
            (checksum, problem) = UploadChecksumParser.FromRequest(context.Request, capabilities.Checksum);
        }

        if (problem is not null)
        {
            var statusCode = TusProblemResults.StatusCode(problem.Rejection);
            logger.RequestRejected(context.Request.Method, string.Empty, statusCode, problem.Detail);
            return problem.ToResult();
        }

        var upload = await capabilities.Creation!.CreateAsync(request!, context.RequestAborted);
        logger.UploadCreated(upload.Id, upload.Length);
        await notifier.CreatedAsync(upload);

        var headers = context.Response.Headers;
        headers.Location = UploadUrl(context.Request, upload.Id);

        using var lease = locks.TryAcquire(upload.Id);
        if (hasBody)
        {
            (upload, problem) = await appender.AppendAsync(context, upload, 0, checksum);
            headers[TusHeaders.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            upload = await completion.RunAsync(upload);
        }

        if (upload.ExpiresAt is { } expiresAt)
        {
            headers[TusHeaders.UploadExpires] = TusRequestHeaders.FormatExpires(expiresAt);
        }

        return problem is null ? Results.StatusCode(StatusCodes.Status201Created) : problem.ToResult();
    }

    /// <summary>
    /// Builds the upload URL as an absolute path, so it stays valid behind a proxy that keeps the path.
    /// </summary>
    private static string UploadUrl(HttpRequest request, string uploadId)
    {
        var collection = request.PathBase.Add(request.Path).ToUriComponent().TrimEnd('/');
        return $"{collection}/{uploadId}";
    }
}

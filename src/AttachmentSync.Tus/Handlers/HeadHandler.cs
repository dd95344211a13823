using System.Globalization;
using AttachmentSync.Tus.Protocol;
using Microsoft.AspNetCore.Http;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Handles HEAD by returning the state of an upload, so a client can find where to resume.
/// </summary>
/// <remarks>
/// tus 1.0.0 core (HEAD): 200 with Upload-Offset, Upload-Length, Upload-Metadata as sent at creation and
/// Cache-Control: no-store; 404 Not Found (410 Gone once expired) when the upload does not exist.
/// </remarks>
internal sealed class HeadHandler(TusCapabilities capabilities, TimeProvider timeProvider)
{
    public async Task<IResult> HandleAsync(HttpContext context, string id)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";

        var upload = TusUploadId.IsValid(id)
            ? await capabilities.Store.GetUploadAsync(id, context.RequestAborted)
            : null;

        if (upload is null)
        {
            return TusRequestHeaders.NotFound(id).ToResult();
        }

        if (upload.IsExpiredAt(timeProvider.GetUtcNow()))
        {
            return TusRequestHeaders.Expired(upload).ToResult();
        }

        headers[TusHeaders.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        headers[TusHeaders.UploadLength] = upload.Length.ToString(CultureInfo.InvariantCulture);

        if (upload.RawMetadata is not null)
        {
            headers[TusHeaders.UploadMetadata] = upload.RawMetadata;
        }

        if (upload.ExpiresAt is { } expiresAt)
        {
            headers[TusHeaders.UploadExpires] = TusRequestHeaders.FormatExpires(expiresAt);
        }

        return Results.Ok();
    }
}

using AdoEmulator.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace AdoEmulator.Attachments;

/// <summary>
/// Attachment routes of the work item tracking area: simple upload, chunked start, chunk upload and download.
/// </summary>
internal static class AttachmentEndpoints
{
    private const string Path = "/_apis/wit/attachments";

    public static void Map(IEndpointRouteBuilder collection)
    {
        ProjectRoutes.Map(collection, "POST", Path, UploadAsync, "attachments.create");
        ProjectRoutes.Map(collection, "PUT", Path + "/{id}", UploadChunkAsync, "attachments.uploadChunk");
        ProjectRoutes.Map(collection, "GET", Path + "/{id}", DownloadAsync, "attachments.get");
    }

    /// <summary>
    /// Simple upload (raw body, 201) or chunked start (empty body, 202 with Location). <c>uploadType</c> defaults to
    /// Simple and is compared case-insensitively. Other values are rejected with VssPropertyValidationException.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, AttachmentStore store)
    {
        var query = context.Request.Query;
        var fileName = NullIfEmpty(query["fileName"]);
        var uploadType = NullIfEmpty(query["uploadType"]) ?? "Simple";
        var urls = AdoUrls.From(context);
        var scoped = context.HasProject() && context.GetApiVersion().AtLeast(5.0m);

        if (uploadType.Equals("Chunked", StringComparison.OrdinalIgnoreCase))
        {
            var started = store.Create(fileName);
            var location = urls.Attachment(started.Id, scoped, fileName);
            return new JsonNodeResult(Reference(started.Id, location), StatusCodes.Status202Accepted, location);
        }

        if (!uploadType.Equals("Simple", StringComparison.OrdinalIgnoreCase))
        {
            return AdoErrors.PropertyValidation(
                $"The value '{uploadType}' of query parameter uploadType is invalid. Expected Simple or Chunked.").ToResult();
        }

        var contentTypeError = RequireOctetStream(context.Request);
        if (contentTypeError is not null)
        {
            return contentTypeError.ToResult();
        }

        var (attachment, error) = await store.UploadAsync(
            fileName, context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (error is not null)
        {
            return error.ToResult();
        }

        var url = urls.Attachment(attachment!.Id, scoped, fileName);
        return new JsonNodeResult(Reference(attachment.Id, url), StatusCodes.Status201Created, url);
    }

    /// <summary>
    /// One chunk of a chunked upload: 202 for intermediate chunks, 201 once the range reaches the announced total.
    /// </summary>
    private static async Task<IResult> UploadChunkAsync(HttpContext context, AttachmentStore store, string id)
    {
        if (!Guid.TryParse(id, out var attachmentId) || !store.TryGet(attachmentId, out var attachment))
        {
            return AdoErrors.AttachmentNotFound(id).ToResult();
        }

        var header = context.Request.Headers[HeaderNames.ContentRange].ToString();
        var range = ContentRange.Parse(header);
        if (range is null)
        {
            return AdoErrors.BadRequest(
                $"The Content-Range header '{header}' is invalid. Expected 'bytes {{first}}-{{last}}/{{total}}' " +
                "with inclusive byte positions.").ToResult();
        }

        var contentTypeError = RequireOctetStream(context.Request);
        if (contentTypeError is not null)
        {
            return contentTypeError.ToResult();
        }

        var length = context.Request.ContentLength;
        if (length is not null && length != range.Length)
        {
            return AdoErrors.BadRequest(
                $"Content-Range {range.First}-{range.Last} announces {range.Length} bytes but Content-Length is {length}.")
                .ToResult();
        }

        var error = await store.WriteChunkAsync(attachment, range, context.Request.Body, context.RequestAborted);
        if (error is not null)
        {
            return error.ToResult();
        }

        var fileName = NullIfEmpty(context.Request.Query["fileName"]);
        attachment.FileName ??= fileName;
        var scoped = context.HasProject() && context.GetApiVersion().AtLeast(5.0m);
        var url = AdoUrls.From(context).Attachment(attachment.Id, scoped);
        var status = range.IsLast ? StatusCodes.Status201Created : StatusCodes.Status202Accepted;
        return new JsonNodeResult(Reference(attachment.Id, url), status, url);
    }

    /// <summary>Streams the stored bytes unchanged, with Content-Type and Content-Disposition from the file name.</summary>
    private static IResult DownloadAsync(HttpContext context, AttachmentStore store, string id)
    {
        if (!Guid.TryParse(id, out var attachmentId) || !store.TryGet(attachmentId, out var attachment) || !attachment.IsComplete)
        {
            return AdoErrors.AttachmentNotFound(id).ToResult();
        }

        var fileName = NullIfEmpty(context.Request.Query["fileName"]);
        var download = bool.TryParse(context.Request.Query["download"], out var flag) && flag;
        var disposition = AttachmentContentType.Disposition(fileName, download);
        if (disposition is not null)
        {
            context.Response.Headers.ContentDisposition = disposition;
        }

        context.Response.ContentLength = attachment.Length;
        return Results.Stream(store.OpenRead(attachment), AttachmentContentType.For(fileName));
    }

    private static AdoError? RequireOctetStream(HttpRequest request)
    {
        var type = request.ContentType;
        if (type is null || type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return AdoErrors.UnsupportedContentType(type, "application/octet-stream");
    }

    private static System.Text.Json.Nodes.JsonObject Reference(Guid id, string url) => new()
    {
        ["id"] = id.ToString(),
        ["url"] = url,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

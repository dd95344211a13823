using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Server.Uploads;

/// <summary>Chooses the upload form by Content-Type and streams the file into the store.</summary>
public static class UploadRequestReader
{
    public static async Task<UploadedFile> ReadAsync(
        HttpRequest request, IContentStore store, long maxFileBytes, CancellationToken cancellationToken)
    {
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value;
        if (request.HasFormContentType && mediaType == "multipart/form-data")
        {
            return await MultipartUploadReader.ReadAsync(request, store, maxFileBytes, cancellationToken);
        }

        if (mediaType is not null && mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return await JsonUploadAdapter.ReadAsync(request, store, maxFileBytes, cancellationToken);
        }

        // Any other type is a raw body (curl's --data-binary labels it form-urlencoded): the metadata comes in
        // the query string so the body can stream untouched.
        var query = request.Query;
        foreach (var raw in StrictPercentDecoder.RawQueryValues(request.QueryString.Value, "fileName"))
        {
            if (!StrictPercentDecoder.TryDecode(raw, plusIsSpace: true, out _))
            {
                throw new UploadFormatException("fileName", "The fileName query parameter is not valid UTF-8", raw,
                    "a file name percent-encoded as UTF-8 in the query string");
            }
        }

        if (FileNameRules.Check(query["fileName"]) is { } expected)
        {
            throw new UploadFormatException("fileName", "The fileName query parameter is invalid",
                query["fileName"].ToString() is { Length: > 0 } name ? name : "missing", expected + " in the query string");
        }

        if (string.IsNullOrEmpty(query["workItemId"]))
        {
            throw new UploadFormatException("workItemId", "The workItemId query parameter is invalid", "missing",
                "a positive integer work item id in the query string");
        }

        var content = await store.WriteAsync(request.Body, maxFileBytes, cancellationToken);
        var declared = mediaType is "application/x-www-form-urlencoded" or "application/octet-stream" ? null : mediaType;
        return new UploadedFile(content, query["workItemId"], query["fileName"], declared);
    }
}

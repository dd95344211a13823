using System.Net.Http.Headers;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.AzureDevOps.Models;

namespace AttachmentSync.AzureDevOps;

/// <summary>
/// Attachment upload and download (<c>_apis/wit/attachments</c>). Uploads send raw bytes as
/// <c>application/octet-stream</c>: one POST up to the chunked threshold, else a chunked start (empty body)
/// followed by PUTs with <c>Content-Range: bytes first-last/total</c> (inclusive positions), answered
/// 202 until the range reaches the total and 201 for the last chunk.
/// </summary>
public sealed class AdoAttachmentsClient(AdoConnection connection)
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    /// <summary>Uploads <paramref name="length"/> bytes read from <paramref name="content"/>.</summary>
    public async Task<AttachmentReference> UploadAsync(
        string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        if (length <= connection.Options.ChunkedUploadThreshold)
        {
            return await UploadSimpleAsync(fileName, content, length, cancellationToken);
        }

        var reference = await StartChunkedAsync(fileName, cancellationToken);
        return await UploadChunksAsync(reference.Id, fileName, content, length, 0, cancellationToken);
    }

    public async Task<AttachmentReference> UploadSimpleAsync(
        string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentsUrl(null, fileName, "Simple"))
        {
            Content = Body(new BoundedReadStream(content, length), length),
        };
        return await connection.SendForJsonAsync<AttachmentReference>(request, cancellationToken);
    }

    /// <summary>Registers a chunked upload and returns the attachment id to send the chunks to.</summary>
    public async Task<AttachmentReference> StartChunkedAsync(string fileName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentsUrl(null, fileName, "Chunked"))
        {
            Content = Body(Stream.Null, 0),
        };
        return await connection.SendForJsonAsync<AttachmentReference>(request, cancellationToken);
    }

    /// <summary>
    /// Sends the bytes from <paramref name="startOffset"/> to the end in chunks. <paramref name="content"/>
    /// must be positioned at <paramref name="startOffset"/>; a restarted upload passes the next range.
    /// </summary>
    public async Task<AttachmentReference> UploadChunksAsync(
        Guid attachmentId, string fileName, Stream content, long length, long startOffset,
        CancellationToken cancellationToken)
    {
        AttachmentReference? last = null;
        for (var from = startOffset; from < length; from += connection.Options.ChunkSize)
        {
            var size = Math.Min(connection.Options.ChunkSize, length - from);
            last = await UploadChunkAsync(attachmentId, fileName, content, from, size, length, cancellationToken);
        }

        return last ?? throw new ArgumentOutOfRangeException(nameof(startOffset), startOffset,
            $"The start offset must be below the length ({length}).");
    }

    public async Task<AttachmentReference> UploadChunkAsync(
        Guid attachmentId, string fileName, Stream content, long from, long size, long total,
        CancellationToken cancellationToken)
    {
        var body = Body(new BoundedReadStream(content, size), size);
        body.Headers.ContentRange = new ContentRangeHeaderValue(from, from + size - 1, total);
        using var request = new HttpRequestMessage(HttpMethod.Put, AttachmentsUrl(attachmentId, fileName, "Chunked"))
        {
            Content = body,
        };
        return await connection.SendForJsonAsync<AttachmentReference>(request, cancellationToken);
    }

    /// <summary>Opens an attachment's bytes as a stream; dispose the result to release the connection.</summary>
    public async Task<AttachmentDownload> DownloadAsync(
        Guid attachmentId, string? fileName, CancellationToken cancellationToken)
    {
        var url = connection.Urls.Collection(
            ["wit", "attachments", attachmentId.ToString()], ("fileName", fileName), ("download", "true"));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
        var response = await connection.SendAsync(request, cancellationToken);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new AttachmentDownload(response, stream);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private Uri AttachmentsUrl(Guid? attachmentId, string fileName, string uploadType)
    {
        string[] path = attachmentId is { } id ? ["wit", "attachments", id.ToString()] : ["wit", "attachments"];
        return connection.Urls.Project(path, ("fileName", fileName), ("uploadType", uploadType));
    }

    private static StreamContent Body(Stream stream, long length)
    {
        var content = new StreamContent(stream, 1024 * 1024);
        content.Headers.ContentType = OctetStream;
        content.Headers.ContentLength = length;
        return content;
    }
}

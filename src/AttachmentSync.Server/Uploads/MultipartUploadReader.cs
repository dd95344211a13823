using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// Reads a <c>multipart/form-data</c> upload section by section: the one file part streams into the store,
/// and the small fields <c>workItemId</c> and <c>fileName</c> may come before or after it.
/// </summary>
public static class MultipartUploadReader
{
    private const int MaxFieldBytes = 64 * 1024;

    public static async Task<UploadedFile> ReadAsync(
        HttpRequest request, IContentStore store, long maxFileBytes, CancellationToken cancellationToken)
    {
        var boundary = GetBoundary(request.ContentType);
        var reader = new MultipartReader(boundary, new MultipartBodyStream(request.Body)) { HeadersLengthLimit = 16 * 1024 };
        StoredContent? content = null;
        string? fileName = null, workItemId = null, contentType = null, nameOverride = null;

        while (await ReadNextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                throw new UploadFormatException("Content-Disposition", "A multipart section has an invalid Content-Disposition",
                    section.ContentDisposition ?? "missing", "a form-data part with a name");
            }

            if (disposition.IsFileDisposition())
            {
                if (content is not null)
                {
                    throw new UploadFormatException("file", "The form has more than one file part", "a second file part",
                        "exactly one file part");
                }

                fileName = disposition.FileNameStar.HasValue
                    ? StrictFileNameStar(disposition)
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                contentType = section.ContentType;
                content = await store.WriteAsync(new MultipartBodyStream(section.Body), maxFileBytes, cancellationToken);
                continue;
            }

            var value = await ReadFieldAsync(section, cancellationToken);
            switch (disposition.Name.Value)
            {
                case "workItemId":
                    workItemId = value;
                    break;
                case "fileName":
                    nameOverride = value;
                    break;
            }
        }

        if (content is null)
        {
            throw new UploadFormatException("file", "The form has no file part", "missing",
                "one form-data part with a filename");
        }

        return new UploadedFile(content, workItemId, nameOverride ?? fileName, contentType);
    }

    /// <summary>
    /// Returns <c>filename*</c>, rejecting a UTF-8 value whose bytes are not valid UTF-8 (the parser would
    /// have put U+FFFD in their place).
    /// </summary>
    private static string? StrictFileNameStar(ContentDispositionHeaderValue disposition)
    {
        var raw = disposition.Parameters
            .FirstOrDefault(parameter => parameter.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase))?.Value.Value;
        const string utf8Prefix = "UTF-8'";
        if (raw is not null && raw.StartsWith(utf8Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var encoded = raw[(raw.IndexOf('\'', utf8Prefix.Length) + 1)..];
            if (!StrictPercentDecoder.TryDecode(encoded, plusIsSpace: false, out _))
            {
                throw new UploadFormatException("filename*", "The filename* parameter is not valid UTF-8", raw,
                    "a file name percent-encoded as UTF-8");
            }
        }

        return disposition.FileNameStar.Value;
    }

    private static async Task<MultipartSection?> ReadNextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw MultipartBodyStream.Malformed(exception);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The reader raises IOException itself when the body ends before the closing boundary.
            throw MultipartBodyStream.Malformed(exception);
        }
    }

    private static string GetBoundary(string? contentType)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            throw new UploadFormatException("Content-Type", "The multipart boundary is missing or invalid", contentType ?? "missing",
                "multipart/form-data with a boundary parameter of at most 200 characters");
        }

        return boundary;
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > MaxFieldBytes)
        {
            throw new UploadFormatException(section.ContentDisposition ?? "form field", "A form field is too long",
                $"{length}+ bytes", $"a field of at most {MaxFieldBytes} bytes");
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }
}

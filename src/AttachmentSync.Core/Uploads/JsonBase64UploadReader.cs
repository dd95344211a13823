using AttachmentSync.Core.Content;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Reads a legacy upload body, <c>{"fileName": "...", "workItemId": 42, "file": "&lt;base64&gt;"}</c>, as a stream.
/// The "file" value is base64-decoded while it is read and passed to the content store, so neither the file nor
/// its base64 text is ever held in memory. The reader keeps a 64 KiB body buffer and a buffer for one name or
/// scalar value of up to 64 KiB.
/// </summary>
/// <remarks>
/// <para>
/// The body is one JSON object (RFC 8259) with properties in any order. Names are compared exactly
/// (case-sensitive, after unescaping). "file" is required and must be a string of standard base64 (RFC 4648,
/// section 4) with padding, no whitespace and zero unused bits in the last group. JSON escapes in it are decoded
/// first, so <c>\/</c> and <c>\u002B</c> are accepted. An empty string is a 0-byte file.
/// </para>
/// <para>
/// Every other property must be a string, a number, true, false or null of at most
/// <see cref="ScalarTokenReader.MaxTokenBytes"/> bytes as written, and there are at most
/// <see cref="UploadBodyParser.MaxProperties"/> properties. Objects, arrays, duplicate names, a byte order mark and
/// anything but whitespace after the object are rejected. The host reads "fileName", "workItemId" (a number or a
/// string of digits), "contentType" and "comment".
/// </para>
/// <para>
/// The content store publishes the file only when the whole body is valid: every format error, including one
/// after the "file" value, is raised from the decoding stream while the store reads it.
/// </para>
/// </remarks>
public static class JsonBase64UploadReader
{
    /// <summary>Reads the upload in <paramref name="body"/> and stores its file in <paramref name="store"/>.</summary>
    /// <exception cref="UploadFormatException">The body is not a valid upload.</exception>
    /// <exception cref="ContentTooLargeException">The file is longer than <paramref name="maxFileBytes"/>.</exception>
    public static async Task<JsonUploadResult> ReadAsync(
        Stream body, IContentStore store, long maxFileBytes, CancellationToken cancellationToken)
    {
        using var buffer = new UploadBodyBuffer(body);
        using var tokens = new ScalarTokenReader(buffer);
        var parser = new UploadBodyParser(buffer, tokens);
        if (!await parser.ReadToFileAsync(cancellationToken))
        {
            throw UploadErrors.Invalid(UploadBodyParser.FileProperty, "no 'file' property",
                "a 'file' property with the base64 content");
        }

        await using var content = new Base64ValueStream(buffer, parser);
        var stored = await store.WriteAsync(content, maxFileBytes, cancellationToken);
        if (!content.IsComplete)
        {
            throw new InvalidOperationException("The content store returned before reading the whole file.");
        }

        return new JsonUploadResult(stored, parser.Properties);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Reads and checks the tus headers shared by several requests.
/// </summary>
internal static class TusRequestHeaders
{
    /// <summary>
    /// Parses a header that tus defines as a non-negative integer (Upload-Offset, Upload-Length).
    /// </summary>
    public static (long Value, TusProblem? Problem) ParseNonNegative(HttpRequest request, string header)
    {
        var received = request.Headers[header].ToString();
        if (received.Length == 0)
        {
            return (0, new TusProblem(
                TusRejection.InvalidHeader, $"{header} is missing.", header, received, "a non-negative integer"));
        }

        if (!long.TryParse(received, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return (0, new TusProblem(
                TusRejection.InvalidHeader,
                $"{header} '{received}' is not a non-negative integer.",
                header,
                received,
                "a non-negative integer"));
        }

        return (value, null);
    }

    /// <summary>Returns a 415 problem unless the body is declared as application/offset+octet-stream.</summary>
    public static TusProblem? CheckOffsetContentType(HttpRequest request)
    {
        var received = request.ContentType ?? string.Empty;
        var matches = MediaTypeHeaderValue.TryParse(received, out var mediaType)
            && mediaType.MediaType.Equals(TusHeaders.OffsetOctetStream, StringComparison.OrdinalIgnoreCase);

        return matches
            ? null
            : new TusProblem(
                TusRejection.UnsupportedMediaType,
                $"Content-Type must be {TusHeaders.OffsetOctetStream}, got '{received}'.",
                "Content-Type",
                received,
                TusHeaders.OffsetOctetStream);
    }

    /// <summary>
    /// Formats an expiry time as an RFC 7231 IMF-fixdate, such as <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.
    /// </summary>
    public static string FormatExpires(DateTimeOffset expiresAt) =>
        expiresAt.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    public static TusProblem NotFound(string uploadId) =>
        new(TusRejection.UploadNotFound, $"Upload '{uploadId}' was not found.");

    public static TusProblem Expired(TusUpload upload) =>
        new(
            TusRejection.UploadExpired,
            $"Upload '{upload.Id}' expired at {FormatExpires(upload.ExpiresAt!.Value)}.");

    public static TusProblem Locked(string uploadId) =>
        new(
            TusRejection.UploadLocked,
            $"Upload '{uploadId}' is receiving another request; retry after it ends.");

    public static TusProblem OffsetMismatch(long received, long stored) =>
        new(
            TusRejection.OffsetMismatch,
            $"Upload-Offset {received} does not match the current offset {stored} of the upload.",
            TusHeaders.UploadOffset,
            received.ToString(CultureInfo.InvariantCulture),
            stored.ToString(CultureInfo.InvariantCulture));
}

namespace AdoEmulator.Attachments;

/// <summary>
/// Download headers as the Azure DevOps Server 2022 attachment controller sets them: the MIME type is guessed from
/// the <c>fileName</c> query parameter for images (except SVG), PDF and video only; everything else is
/// application/octet-stream, and only those types may be shown inline.
/// </summary>
internal static class AttachmentContentType
{
    private static readonly Dictionary<string, string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".bmp"] = "image/bmp",
        [".ico"] = "image/x-icon",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".ogg"] = "video/ogg",
        [".mov"] = "video/quicktime",
    };

    public static string For(string? fileName) =>
        fileName is not null && InlineTypes.TryGetValue(Path.GetExtension(fileName), out var type)
            ? type
            : "application/octet-stream";

    /// <summary>Returns the Content-Disposition value, or null when the file may be shown inline.</summary>
    public static string? Disposition(string? fileName, bool download)
    {
        var inline = fileName is not null && InlineTypes.ContainsKey(Path.GetExtension(fileName));
        if (!download && inline)
        {
            return null;
        }

        var header = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        if (fileName is not null)
        {
            header.FileNameStar = fileName;
            header.FileName = "\"" + string.Concat(fileName.Select(c => c < 128 && c != '"' ? c : '_')) + "\"";
        }

        return header.ToString();
    }
}

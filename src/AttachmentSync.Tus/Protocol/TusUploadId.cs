namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Format of upload ids: 32 lowercase hexadecimal characters, so an id is safe as a file name.
/// </summary>
internal static class TusUploadId
{
    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

using System.Text;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// Rules for the file names users send. A name is metadata only and never reaches a file path, so any
/// character is kept exactly as sent; only text that cannot be encoded as UTF-8 (a lone surrogate) and
/// empty or oversized names are rejected.
/// </summary>
public static class FileNameRules
{
    /// <summary>Longest accepted name in UTF-16 code units.</summary>
    public const int MaxLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns null when the name is acceptable, else what was expected.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a non-empty file name";
        }

        if (name.Length > MaxLength)
        {
            return $"a file name of at most {MaxLength} characters";
        }

        try
        {
            StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException)
        {
            return "a file name that is valid Unicode (it contains a lone surrogate)";
        }

        return null;
    }
}

using System.Globalization;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Builds the <see cref="UploadFormatException"/>s of the upload reader, so its messages share one form.
/// </summary>
internal static class UploadErrors
{
    public const string Body = "body";

    public static UploadFormatException UnexpectedCharacter(string field, byte value, long offset, string expected) =>
        NotJson(field, $"{Describe(value)} at body offset {offset}", expected);

    public static UploadFormatException UnexpectedEnd(string field, long offset, string expected) =>
        NotJson(field, $"end of body at offset {offset}", expected);

    public static UploadFormatException NotJson(string field, string value, string expected) =>
        new(field, field == Body ? "The body is not valid JSON" : $"Property '{field}' is not valid JSON", value,
            expected);

    public static UploadFormatException Invalid(string field, string value, string expected) =>
        new(field, field == Body ? "The body is invalid" : $"Property '{field}' is invalid", value, expected);

    public static UploadFormatException InvalidBase64(string value) =>
        new("file", "Property 'file' is not valid base64", value, "standard base64 with padding and no whitespace");

    /// <summary>Describes one byte of the body without echoing control characters or partial UTF-8.</summary>
    public static string Describe(byte value) =>
        value is >= 0x20 and < 0x7F ? $"character '{(char)value}'" : $"byte 0x{value:X2}";

    /// <summary>Describes a character decoded from a JSON escape.</summary>
    public static string DescribeChar(char value) =>
        value is >= ' ' and <= '~' ? $"character '{value}'" : $"character U+{(int)value:X4}";

    /// <summary>Returns up to 32 printable characters of a token, with other bytes written as \xNN.</summary>
    public static string Excerpt(ReadOnlySpan<byte> token)
    {
        const int MaxBytes = 32;
        var builder = new System.Text.StringBuilder();
        foreach (var value in token[..Math.Min(token.Length, MaxBytes)])
        {
            if (value is >= 0x20 and < 0x7F)
            {
                builder.Append((char)value);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{value:X2}");
            }
        }

        return token.Length > MaxBytes ? builder.Append("...").ToString() : builder.ToString();
    }
}

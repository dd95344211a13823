using System.Globalization;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// Reads the bytes of a JSON string. A character is a plain byte, a two-byte escape or a <c>\uXXXX</c> escape.
/// </summary>
internal static class JsonStringScanner
{
    public const int InvalidEscape = -2;

    /// <summary>
    /// Returns the length of the character that starts <paramref name="input"/>, or the bytes needed to tell.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return 1;
        }

        if (input[0] != '\\')
        {
            return 1;
        }

        if (input.Length < 2)
        {
            return 2;
        }

        return input[1] == 'u' ? 6 : 2;
    }

    /// <summary>
    /// Decodes a character measured by <see cref="Measure"/>. Returns a plain byte as is, an escape as the UTF-16
    /// code unit it stands for, and <see cref="InvalidEscape"/> for an escape that JSON does not define.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> character)
    {
        if (character[0] != '\\')
        {
            return character[0];
        }

        return character[1] switch
        {
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            (byte)'u' => DecodeHex(character[2..]),
            _ => InvalidEscape,
        };
    }

    private static int DecodeHex(ReadOnlySpan<byte> digits)
    {
        // AllowHexSpecifier alone accepts hex digits only: no sign, prefix or whitespace.
        return int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : InvalidEscape;
    }

    /// <summary>
    /// Returns the index of the quote that ends a string, or -1 when it is not in <paramref name="span"/>.
    /// <paramref name="opening"/> is true when the span starts with the opening quote. <paramref name="escaped"/>
    /// is true when the previous span ended with a backslash, and is updated for the next span.
    /// Quote and backslash bytes never occur inside multi-byte UTF-8 sequences, so scanning bytes is safe.
    /// </summary>
    public static int FindClosingQuote(ReadOnlySpan<byte> span, bool opening, ref bool escaped)
    {
        var index = opening ? 1 : 0;
        if (escaped && index < span.Length)
        {
            escaped = false;
            index++;
        }

        while (index < span.Length)
        {
            var found = span[index..].IndexOfAny((byte)'"', (byte)'\\');
            if (found < 0)
            {
                return -1;
            }

            index += found;
            if (span[index] == '"')
            {
                return index;
            }

            escaped = index + 1 == span.Length;
            index += 2;
        }

        return -1;
    }
}

using System.Globalization;

namespace AttachmentSync.Core.Uploads;

/// <summary>Reads one character of a JSON string: a plain byte, a two-byte escape or a <c>\uXXXX</c> escape.</summary>
internal static class JsonCharacter
{
    public const int InvalidEscape = -2;

    /// <summary>Returns the length of the character that starts <paramref name="input"/>, or the bytes needed to tell.</summary>
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
}

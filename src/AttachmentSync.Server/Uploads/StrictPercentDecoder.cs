using System.Buffers;
using System.Text;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// Decodes percent-encoded text whose bytes must be valid UTF-8. ASP.NET Core keeps an invalid sequence
/// such as <c>%FF</c> as literal text, and the multipart parser turns it into U+FFFD; both would store a
/// name the client never meant, so the upload readers use this to reject such names instead.
/// </summary>
public static class StrictPercentDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="encoded"/>; returns false when a sequence is malformed or the bytes are not UTF-8.</summary>
    public static bool TryDecode(string encoded, bool plusIsSpace, out string decoded)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(encoded.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var c = encoded[i];
                if (c == '%')
                {
                    if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2),
                            System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
                    {
                        decoded = "";
                        return false;
                    }

                    bytes[length++] = value;
                    i += 2;
                    continue;
                }

                var text = c == '+' && plusIsSpace ? " " : encoded.Substring(i, char.IsHighSurrogate(c) && i + 1 < encoded.Length ? 2 : 1);
                i += text.Length - 1;
                length += Encoding.UTF8.GetBytes(text, bytes.AsSpan(length));
            }

            decoded = StrictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = "";
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// Returns the raw (still encoded) values of <paramref name="name"/> in a query string such as
    /// <c>?a=1&amp;fileName=x%20y</c>.
    /// </summary>
    public static IEnumerable<string> RawQueryValues(string? queryString, string name)
    {
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (Uri.UnescapeDataString(key.Replace('+', ' ')) == name)
            {
                yield return equals < 0 ? "" : pair[(equals + 1)..];
            }
        }
    }
}

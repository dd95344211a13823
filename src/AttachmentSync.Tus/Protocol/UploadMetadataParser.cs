using System.Text;

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Parses Upload-Metadata: comma-separated pairs of a key and an optional base64 value, separated by a space.
/// </summary>
/// <remarks>
/// tus 1.0.0 (Upload-Metadata): keys are unique, non-empty, without spaces or commas, and SHOULD be ASCII.
/// This server also requires every value to decode to valid UTF-8, because values are used as text.
/// </remarks>
internal static class UploadMetadataParser
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValidKey(string key) =>
        key.Length > 0 && key.All(c => c is > ' ' and <= '~' and not ',');

    /// <summary>Returns the decoded values by key, or a problem naming the first invalid pair.</summary>
    public static (Dictionary<string, string>? Metadata, TusProblem? Problem) Parse(string? header)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return (metadata, null);
        }

        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ');
            var key = parts[0];

            if (parts.Length > 2 || !IsValidKey(key))
            {
                return (null, Invalid(pair.Trim(), key, "a pair 'key base64value' whose key is printable ASCII"));
            }

            if (metadata.ContainsKey(key))
            {
                return (null, Invalid(key, key, "each key at most once"));
            }

            var value = parts.Length == 2 ? Decode(parts[1]) : string.Empty;
            if (value is null)
            {
                return (null, Invalid(parts[1], key, "a base64 value that decodes to valid UTF-8"));
            }

            metadata[key] = value;
        }

        return (metadata, null);
    }

    private static string? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var count))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static TusProblem Invalid(string received, string key, string expected) =>
        new(
            TusRejection.InvalidHeader,
            $"Upload-Metadata key '{key}' is invalid: expected {expected}.",
            TusHeaders.UploadMetadata,
            received,
            expected,
            key);
}

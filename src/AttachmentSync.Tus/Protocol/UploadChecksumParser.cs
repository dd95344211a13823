using AttachmentSync.Tus.Storage;
using Microsoft.AspNetCore.Http;

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Parses Upload-Checksum: an algorithm name, a space and the base64 digest of the request body.
/// </summary>
/// <remarks>
/// tus 1.0.0 checksum extension: an unsupported algorithm is rejected with 400 Bad Request.
/// </remarks>
internal static class UploadChecksumParser
{
    /// <summary>
    /// Parses Upload-Checksum when the store verifies checksums. A store without the extension ignores the header.
    /// </summary>
    public static (TusChecksum? Checksum, TusProblem? Problem) FromRequest(
        HttpRequest request, ITusChecksumStore? checksumStore)
    {
        var header = request.Headers[TusHeaders.UploadChecksum].ToString();
        if (header.Length == 0 || checksumStore is null)
        {
            return (null, null);
        }

        return Parse(header, checksumStore.ChecksumAlgorithms);
    }

    public static (TusChecksum? Checksum, TusProblem? Problem) Parse(string header, IReadOnlyList<string> algorithms)
    {
        var expected = $"'<algorithm> <base64 digest>' with algorithm one of {string.Join(", ", algorithms)}";
        var parts = header.Trim().Split(' ');
        if (parts.Length != 2)
        {
            return (null, Invalid(header, expected, "Upload-Checksum is malformed."));
        }

        var algorithm = parts[0].ToLowerInvariant();
        if (!algorithms.Contains(algorithm))
        {
            return (null, Invalid(header, expected, $"Checksum algorithm '{parts[0]}' is not supported."));
        }

        var digest = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], digest, out var count) || count != DigestLength(algorithm))
        {
            var detail = $"The {algorithm} digest is not valid base64 of {DigestLength(algorithm)} bytes.";
            return (null, Invalid(header, expected, detail));
        }

        return (new TusChecksum(algorithm, digest[..count]), null);
    }

    private static int DigestLength(string algorithm) => algorithm switch
    {
        "sha1" => 20,
        "sha256" => 32,
        _ => -1,
    };

    private static TusProblem Invalid(string received, string expected, string detail) =>
        new(TusRejection.InvalidHeader, detail, TusHeaders.UploadChecksum, received, expected);
}

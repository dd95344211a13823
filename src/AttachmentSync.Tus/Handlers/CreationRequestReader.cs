using AttachmentSync.Tus.Protocol;
using AttachmentSync.Tus.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Tus.Handlers;

/// <summary>
/// Reads and validates the headers of a creation request: Upload-Length and Upload-Metadata.
/// </summary>
internal sealed class CreationRequestReader(
    TusCapabilities capabilities,
    IOptions<TusOptions> options,
    TimeProvider timeProvider)
{
    public (TusCreateRequest? Request, TusProblem? Problem) Read(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(TusHeaders.UploadLength)
            && request.Headers.TryGetValue(TusHeaders.UploadDeferLength, out var deferLength))
        {
            return (null, new TusProblem(
                TusRejection.InvalidHeader,
                "Upload-Defer-Length is not supported: send Upload-Length.",
                TusHeaders.UploadDeferLength,
                deferLength.ToString(),
                "Upload-Length"));
        }

        var (length, lengthProblem) = TusRequestHeaders.ParseNonNegative(request, TusHeaders.UploadLength);
        if (lengthProblem is not null)
        {
            return (null, lengthProblem);
        }

        var maxSize = options.Value.MaxSize;
        if (length > maxSize)
        {
            return (null, new TusProblem(
                TusRejection.TooLarge,
                $"Upload-Length {length} exceeds Tus-Max-Size {maxSize}.",
                TusHeaders.UploadLength,
                length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"at most {maxSize}"));
        }

        var rawMetadata = request.Headers[TusHeaders.UploadMetadata].ToString();
        var (metadata, metadataProblem) = UploadMetadataParser.Parse(rawMetadata);
        if (metadataProblem is not null)
        {
            return (null, metadataProblem);
        }

        if (MissingRequiredKey(metadata!) is { } missing)
        {
            return (null, new TusProblem(
                TusRejection.InvalidHeader,
                $"Upload-Metadata must contain the key '{missing}' with a non-empty value.",
                TusHeaders.UploadMetadata,
                rawMetadata,
                $"keys {string.Join(", ", options.Value.RequiredMetadataKeys)}",
                missing));
        }

        var now = timeProvider.GetUtcNow();
        DateTimeOffset? expiresAt = capabilities.Expiration is null ? null : now + options.Value.Expiration;
        var raw = rawMetadata.Length == 0 ? null : rawMetadata;
        return (new TusCreateRequest(length, metadata!, raw, now, expiresAt), null);
    }

    private string? MissingRequiredKey(Dictionary<string, string> metadata) =>
        options.Value.RequiredMetadataKeys.FirstOrDefault(
            key => !metadata.TryGetValue(key, out var value) || value.Length == 0);
}

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Header names and fixed values of tus 1.0.0.
/// </summary>
public static class TusHeaders
{
    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string TusChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadChecksum = "Upload-Checksum";
    public const string MethodOverride = "X-HTTP-Method-Override";

    /// <summary>The only protocol version this server speaks.</summary>
    public const string Version = "1.0.0";

    /// <summary>Content type of a request body that carries upload bytes.</summary>
    public const string OffsetOctetStream = "application/offset+octet-stream";

    /// <summary>
    /// Response headers a browser client must be allowed to read; list them in the host's CORS policy.
    /// </summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
    [
        TusResumable, TusVersion, TusExtension, TusMaxSize, TusChecksumAlgorithm,
        UploadOffset, UploadLength, UploadMetadata, UploadExpires, "Location",
    ];
}

namespace AttachmentSync.Server.Security;

/// <summary>
/// Size limits of incoming requests (configuration section <c>Limits</c>). File uploads, tus chunks and
/// webhook deliveries have their own limits: <c>Sync:MaxUploadBytes</c>, <c>Tus:MaxSize</c> and
/// <c>Webhook:MaxBodyBytes</c>.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest body of the JSON API requests, in bytes. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest total size of the request headers, in bytes (names, values and separators). Default 32 KiB.
    /// Above it the service returns 431 with ProblemDetails; Kestrel itself cuts requests at twice the limit.
    /// </summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Deepest nesting accepted in a JSON request body. Default 32.</summary>
    public int MaxJsonDepth { get; set; } = 32;
}

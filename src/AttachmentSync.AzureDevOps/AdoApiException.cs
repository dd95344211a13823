using System.Net;

namespace AttachmentSync.AzureDevOps;

/// <summary>
/// A failed Azure DevOps call. The kind comes from the status code; <see cref="TypeKey"/> and the message
/// come from the body only when it is Azure DevOps's JSON error envelope.
/// </summary>
public sealed class AdoApiException : Exception
{
    public AdoApiException(
        AdoErrorKind kind, HttpStatusCode? statusCode, string message, string? typeKey = null,
        TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        TypeKey = typeKey;
        RetryAfter = retryAfter;
    }

    public AdoErrorKind Kind { get; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The envelope's <c>typeKey</c>, such as <c>WorkItemAttachmentExceedsMaxSizeException</c>.</summary>
    public string? TypeKey { get; }

    /// <summary>The wait Azure DevOps asked for through <c>Retry-After</c> or <c>X-RateLimit-Delay</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient => Kind == AdoErrorKind.Transient;
}

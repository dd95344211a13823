using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AttachmentSync.AzureDevOps.Http;

/// <summary>
/// Turns an unsuccessful response into an <see cref="AdoApiException"/>. The status code decides the kind;
/// the body is read (at most 64 KiB) only when it is JSON, and used only when it has the envelope's
/// <c>message</c> and <c>typeKey</c> properties.
/// </summary>
internal static class AdoErrorReader
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<AdoApiException> ReadAsync(
        HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var kind = Classify(status);
        var retryAfter = RateLimitHeaders.ReadRetryAfter(response, now);
        var (message, typeKey) = await TryReadEnvelopeAsync(response.Content, cancellationToken);

        var text = message is null
            ? $"Azure DevOps returned {(int)status} {response.ReasonPhrase} for {Describe(response.RequestMessage)}."
            : $"Azure DevOps returned {(int)status} for {Describe(response.RequestMessage)}: {message}";
        return new AdoApiException(kind, status, text, typeKey, retryAfter);
    }

    public static AdoApiException SignInPage(HttpResponseMessage response) =>
        new(AdoErrorKind.Authentication, response.StatusCode,
            $"Azure DevOps returned an HTML page ({(int)response.StatusCode}) instead of data for " +
            $"{Describe(response.RequestMessage)}; the personal access token is missing, wrong or expired.");

    public static AdoErrorKind Classify(HttpStatusCode status) => (int)status switch
    {
        408 or 429 => AdoErrorKind.Transient,
        >= 500 => AdoErrorKind.Transient,
        409 or 412 => AdoErrorKind.Conflict,
        >= 300 and < 400 => AdoErrorKind.Authentication,
        404 or 410 => AdoErrorKind.NotFound,
        401 => AdoErrorKind.Authentication,
        _ => AdoErrorKind.Permanent,
    };

    public static bool IsHtml(HttpContentHeaders headers) =>
        headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml";

    private static string Describe(HttpRequestMessage? request) =>
        request is null ? "the request" : $"{request.Method} {request.RequestUri?.AbsolutePath}";

    private static async Task<(string? Message, string? TypeKey)> TryReadEnvelopeAsync(
        HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            await using var body = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && root.TryGetProperty("typeKey", out var typeKey) && typeKey.ValueKind == JsonValueKind.String)
            {
                return (message.GetString(), typeKey.GetString());
            }
        }
        catch (JsonException)
        {
            // Not the envelope (or cut at the size cap): the status code alone describes the error.
        }

        return (null, null);
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Authenticates service-hook deliveries the ways Azure DevOps supports: Basic credentials whose password
/// is the shared secret (any user name), or the secret in the <c>X-Webhook-Secret</c> custom header.
/// Azure DevOps does not sign payloads, but a relay in front of the service may: with <c>Webhook:HmacKey</c>
/// set, a valid HMAC-SHA256 signature in <c>Webhook:SignatureHeader</c> also authenticates, a present but
/// wrong signature rejects the delivery, and <c>Webhook:RequireSignature</c> makes the signature mandatory.
/// Comparisons take the same time whatever the input.
/// </summary>
public sealed class WebhookAuthenticator(IOptionsMonitor<WebhookOptions> options)
{
    public const string SecretHeader = "X-Webhook-Secret";

    /// <summary>
    /// Returns whether the headers alone could authenticate the delivery: the secret is right, or a
    /// signature is present that the body may match. When false, the body need not be read.
    /// </summary>
    public bool MayBeAuthentic(HttpRequest request)
    {
        var settings = options.CurrentValue;
        return HasValidSecret(request, settings.Secret)
               || (!string.IsNullOrEmpty(settings.HmacKey) && request.Headers.ContainsKey(settings.SignatureHeader));
    }

    /// <summary>Returns whether the delivery with this <paramref name="body"/> is authentic.</summary>
    public bool IsAuthentic(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var settings = options.CurrentValue;
        var secretValid = HasValidSecret(request, settings.Secret);
        if (string.IsNullOrEmpty(settings.HmacKey))
        {
            return secretValid;
        }

        var signed = request.Headers.TryGetValue(settings.SignatureHeader, out var values);
        var signatureValid = signed && values.Count == 1 && WebhookSignature.IsValid(values[0], body, settings.HmacKey);
        if (signed && !signatureValid)
        {
            return false;
        }

        return signatureValid || (secretValid && !settings.RequireSignature);
    }

    private static bool HasValidSecret(HttpRequest request, string secret)
    {
        var matched = false;
        if (request.Headers.TryGetValue(SecretHeader, out var header) && header.Count == 1)
        {
            matched |= FixedTimeEquals(header[0] ?? "", secret);
        }

        if (ReadBasicPassword(request) is { } password)
        {
            matched |= FixedTimeEquals(password, secret);
        }

        return matched;
    }

    private static string? ReadBasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[1024];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }

    /// <summary>Compares SHA-256 digests, so neither the content nor the length of the secret leaks through timing.</summary>
    private static bool FixedTimeEquals(string candidate, string secret) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)),
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

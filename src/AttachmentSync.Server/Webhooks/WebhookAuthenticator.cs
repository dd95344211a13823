using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AttachmentSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// Authenticates service-hook deliveries the ways Azure DevOps supports: Basic credentials whose password
/// is the shared secret (any user name), or the secret in the <c>X-Webhook-Secret</c> custom header.
/// Azure DevOps does not sign payloads. Comparisons take the same time whatever the input.
/// </summary>
public sealed class WebhookAuthenticator(IOptionsMonitor<WebhookOptions> options)
{
    public const string SecretHeader = "X-Webhook-Secret";

    public bool IsAuthentic(HttpRequest request)
    {
        var secret = options.CurrentValue.Secret;
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

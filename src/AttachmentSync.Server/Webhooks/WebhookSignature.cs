using System.Security.Cryptography;
using System.Text;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// The optional HMAC-SHA256 signature of a delivery: <c>sha256=</c> followed by the lower- or upper-case hex
/// digest of the raw request body, keyed with <c>Webhook:HmacKey</c>. Azure DevOps does not sign service-hook
/// deliveries; the signature is for deployments that pass them through a signing relay.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>Computes the header value for <paramref name="body"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string key) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    /// <summary>Returns whether <paramref name="headerValue"/> is the signature of <paramref name="body"/>, in fixed time.</summary>
    public static bool IsValid(string? headerValue, ReadOnlySpan<byte> body, string key)
    {
        if (headerValue is null || !headerValue.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || headerValue.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(headerValue.AsSpan(Prefix.Length), presented, out _, out var written)
            != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}

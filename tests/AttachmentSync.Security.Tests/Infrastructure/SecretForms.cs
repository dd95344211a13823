using System.Text;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// The shapes a secret may take when it leaks: as is, percent-encoded, base64 of itself, of <c>":" + secret</c>
/// (Basic credentials with an empty user name), and the stretch of base64 that stays the same whatever bytes
/// come before it (any user name), in standard and URL-safe alphabets.
/// </summary>
public static class SecretForms
{
    public static IReadOnlyList<string> Of(string secret)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            secret,
            Uri.EscapeDataString(secret),
            Base64(secret),
            Base64(":" + secret),
        };
        var length = Encoding.UTF8.GetByteCount(secret);
        for (var prefix = 0; prefix < 3; prefix++)
        {
            var encoded = Base64(new string('x', prefix) + secret);
            var first = (prefix + 2) / 3 * 4;
            var last = (prefix + length) / 3 * 4;
            var core = encoded[first..last];
            forms.Add(core);
            forms.Add(core.Replace('+', '-').Replace('/', '_'));
        }

        return forms.ToList();
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

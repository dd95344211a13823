using System.Security.Cryptography;
using System.Text;

namespace AttachmentSync.Server.Security;

/// <summary>
/// The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared with
/// every digest in fixed time, so neither a key nor its length leaks through timing.
/// </summary>
public sealed class ApiKeyStore
{
    /// <summary>Configuration key of the list (one entry per key, or one comma-separated value).</summary>
    public const string ConfigurationKey = "Security:ApiKeys";

    /// <summary>Environment variable with comma-separated keys, mapped onto <see cref="ConfigurationKey"/>.</summary>
    public const string EnvironmentVariable = "ATTACHMENT_API_KEYS";

    /// <summary>Shortest key accepted, in characters.</summary>
    public const int MinKeyLength = 24;

    private readonly byte[][] _digests;

    private ApiKeyStore(byte[][] digests) => _digests = digests;

    /// <summary>Whether at least one key is configured; without one, only loopback callers are served.</summary>
    public bool HasKeys => _digests.Length > 0;

    public int Count => _digests.Length;

    /// <summary>
    /// Reads the keys from <see cref="ConfigurationKey"/>: its children (<c>Security:ApiKeys:0</c>, …) and
    /// its own value split at commas. Raises an error naming the setting when a key is too short.
    /// </summary>
    public static ApiKeyStore FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationKey);
        var entries = section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        var tooShort = entries.Count(entry => entry.Length < MinKeyLength);
        if (tooShort > 0)
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} ({EnvironmentVariable}) has {tooShort} key(s) shorter than {MinKeyLength} characters; " +
                "use long random keys, such as the output of: openssl rand -hex 32");
        }

        var digests = entries.Distinct(StringComparer.Ordinal).Select(Digest).ToArray();
        return new ApiKeyStore(digests);
    }

    /// <summary>Returns whether <paramref name="presented"/> is one of the keys; checks every digest whatever the result.</summary>
    public bool IsValid(string presented)
    {
        var digest = Digest(presented);
        var matched = false;
        foreach (var candidate in _digests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(digest, candidate);
        }

        return matched;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

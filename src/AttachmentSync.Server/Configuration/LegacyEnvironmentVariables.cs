using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace AttachmentSync.Server.Configuration;

/// <summary>
/// Maps the service's documented environment variables (such as <c>AZDO_PAT</c>) onto configuration keys,
/// so they work beside the usual ASP.NET Core keys (<c>AzureDevOps__Pat</c>). They override appsettings
/// files; an ASP.NET Core environment variable or a command-line argument for the same key wins over them.
/// </summary>
public static class LegacyEnvironmentVariables
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["AZDO_ORG_URL"] = "AzureDevOps:OrganizationUrl",
        ["AZDO_PROJECT"] = "AzureDevOps:Project",
        ["AZDO_PAT"] = "AzureDevOps:Pat",
        ["ATTACHMENT_SYNC_DB_PATH"] = "Storage:DatabasePath",
        ["ATTACHMENT_STORAGE_PATH"] = "Storage:ContentPath",
        ["ATTACHMENT_WEBHOOK_SECRET"] = "Webhook:Secret",
        ["ATTACHMENT_WEBHOOK_URL"] = "Webhook:PublicUrl",
        ["ATTACHMENT_AUTO_SYNC_ON_WEBHOOK"] = "Sync:AutoSyncOnWebhook",
        ["ATTACHMENT_API_KEYS"] = "Security:ApiKeys",
        ["ATTACHMENT_WEBHOOK_HMAC_KEY"] = "Webhook:HmacKey",
    };

    /// <summary>Adds the mapped variables just below the environment-variable sources of <paramref name="configuration"/>.</summary>
    public static void AddTo(IConfigurationManager configuration, Func<string, string?> readVariable)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            if (readVariable(variable) is not { Length: > 0 } value)
            {
                continue;
            }

            if (key == "Sync:AutoSyncOnWebhook" && !bool.TryParse(value, out _))
            {
                throw new InvalidOperationException(
                    $"{variable} has the value '{value}'; allowed values are 'true' and 'false'.");
            }

            values[key] = value;
        }

        var sources = configuration.Sources;
        var source = new MemoryConfigurationSource { InitialData = values };
        var firstEnvironment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        sources.Insert(firstEnvironment < 0 ? sources.Count : firstEnvironment, source);
    }
}

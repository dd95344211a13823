using AttachmentSync.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// Starts the service for start-up tests, with an organization URL that is never contacted, storage under
/// <c>directory</c>, the given settings on top, and optionally another server and a recording logger.
/// </summary>
public static class ServiceStarter
{
    public static Task<AttachmentSyncApplication> StartAsync(
        string directory, Dictionary<string, string?> settings, IServer? server, RecordingLoggerProvider? logs = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["AzureDevOps:OrganizationUrl"] = "http://127.0.0.1:9/unused",
            ["AzureDevOps:Project"] = "Unused",
            ["AzureDevOps:Pat"] = "unused-pat-value",
            ["Webhook:Secret"] = "unused-webhook-secret-value",
            ["Storage:DatabasePath"] = Path.Combine(directory, "sync.db"),
            ["Storage:ContentPath"] = Path.Combine(directory, "store"),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return AttachmentSyncApplication.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            if (server is not null)
            {
                builder.Services.AddSingleton(server);
            }

            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace);
            }
        });
    }
}

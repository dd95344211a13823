using System.Security.Cryptography;
using AdoEmulator;
using AttachmentSync.AzureDevOps;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Server.Webhooks;

namespace AttachmentSync.Server.Embedded;

/// <summary>
/// Runs the Azure DevOps emulator inside the service when no organization is configured, so one command
/// gives a working setup: the emulator gets a generated PAT, the service is pointed at it, and, once the
/// service listens, a few work items are created and the emulator's service hooks are wired to the webhook.
/// </summary>
public sealed class EmbeddedEmulator : IAsyncDisposable
{
    private readonly string? _runDirectory;

    private EmbeddedEmulator(EmulatorHost host, string? runDirectory)
    {
        Host = host;
        _runDirectory = runDirectory;
    }

    public EmulatorHost Host { get; }

    /// <summary>Starts the emulator when <c>AzureDevOps:OrganizationUrl</c> is empty, and points the configuration at it.</summary>
    public static async Task<EmbeddedEmulator?> StartIfNeededAsync(IConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[$"{AzureDevOpsOptions.SectionName}:OrganizationUrl"]))
        {
            return null;
        }

        var options = new EmulatorOptions();
        configuration.GetSection(EmulatorOptions.SectionName).Bind(options);
        var host = await EmulatorHost.StartAsync(options);
        var settings = new Dictionary<string, string?>
        {
            ["AzureDevOps:OrganizationUrl"] = host.OrganizationUrl.AbsoluteUri,
            ["AzureDevOps:Project"] = host.ProjectName,
            ["AzureDevOps:Pat"] = host.Pat,
        };
        if (string.IsNullOrEmpty(configuration[$"{WebhookOptions.SectionName}:Secret"]))
        {
            settings["Webhook:Secret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        }

        // The emulator keeps its state in memory, so a ledger from an earlier run would point at attachments
        // that no longer exist. Unless storage is configured, each run gets fresh storage of its own.
        string? runDirectory = null;
        if (string.IsNullOrEmpty(configuration[$"{StorageOptions.SectionName}:DatabasePath"])
            && string.IsNullOrEmpty(configuration[$"{StorageOptions.SectionName}:ContentPath"]))
        {
            runDirectory = Path.Combine(Path.GetTempPath(), "attachment-sync-demo", Guid.NewGuid().ToString("N")[..12]);
            settings["Storage:DatabasePath"] = Path.Combine(runDirectory, "attachment-sync.db");
            settings["Storage:ContentPath"] = Path.Combine(runDirectory, "attachments");
        }

        configuration.AddInMemoryCollection(settings);
        return new EmbeddedEmulator(host, runDirectory);
    }

    /// <summary>
    /// Creates the demo work items and, through <see cref="WebhookRegistrar"/>, the service-hook subscriptions
    /// that call <paramref name="webhookUrl"/>.
    /// </summary>
    public async Task<IReadOnlyList<int>> SeedAsync(
        IServiceProvider services, Uri webhookUrl, string webhookSecret, CancellationToken cancellationToken)
    {
        var workItems = services.GetRequiredService<AdoWorkItemsClient>();
        var ids = new List<int>();
        foreach (var title in new[] { "Login page rejects valid passwords", "Report export hangs", "Crash on empty search" })
        {
            var fields = new Dictionary<string, object> { ["System.Title"] = title };
            var item = await workItems.CreateAsync("Bug", fields, cancellationToken);
            ids.Add(item.Id);
        }

        var registrar = services.GetRequiredService<WebhookRegistrar>();
        await registrar.EnsureSubscriptionsAsync(webhookUrl, webhookSecret, cancellationToken);
        return ids;
    }

    /// <summary>Deletes the storage folder made for this run, if there is one; for a start that failed.</summary>
    public void DeleteRunDirectory()
    {
        if (_runDirectory is not null && Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AdoEmulator;
using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>
/// The emulator in the test process and the service as a child process that can be killed and restarted on
/// the same database and store, with the emulator's service hooks subscribed to the service's webhook.
/// </summary>
public sealed class ProcessSyncHost : IAsyncDisposable
{
    public const int ChunkSize = 64 * 1024;
    public const int ChunkedThreshold = 128 * 1024;

    private readonly string _directory;

    private ProcessSyncHost(EmulatorHost emulator, ServiceProcess service, string directory)
    {
        Emulator = emulator;
        Service = service;
        _directory = directory;
        Api = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Ado = new EmulatorClient(emulator);
        Ledger = new LedgerDatabase(Path.Combine(directory, "sync.db"));
    }

    public EmulatorHost Emulator { get; }

    public ServiceProcess Service { get; }

    public HttpClient Api { get; }

    public EmulatorClient Ado { get; }

    public LedgerDatabase Ledger { get; }

    public string StorePath => Path.Combine(_directory, "store");

    public string DatabasePath => Path.Combine(_directory, "sync.db");

    /// <summary>
    /// Starts both sides. <paramref name="settings"/> are environment variables (such as
    /// <c>Sync__Workers</c>) applied over the defaults.
    /// </summary>
    public static async Task<ProcessSyncHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "attachment-sync-reliability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Pat = "reliability-pat-" + Guid.NewGuid().ToString("N"),
            HookRetryScale = 0.002,
            HookProbationScale = 0.0002,
        });
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var environment = new Dictionary<string, string>
        {
            ["AzureDevOps__OrganizationUrl"] = emulator.OrganizationUrl.AbsoluteUri,
            ["AzureDevOps__Project"] = emulator.ProjectName,
            ["AzureDevOps__Pat"] = emulator.Pat,
            ["AzureDevOps__ChunkedUploadThreshold"] = ChunkedThreshold.ToString(CultureInfo.InvariantCulture),
            ["AzureDevOps__ChunkSize"] = ChunkSize.ToString(CultureInfo.InvariantCulture),
            ["AzureDevOps__RequestTimeout"] = "00:00:10",
            ["Storage__DatabasePath"] = Path.Combine(directory, "sync.db"),
            ["Storage__ContentPath"] = Path.Combine(directory, "store"),
            ["Webhook__Secret"] = secret,
            ["Sync__JobLease"] = "00:00:03",
            ["Sync__RetryBaseDelay"] = "00:00:00.200",
            ["Sync__RetryMaxDelay"] = "00:00:02",
            ["Sync__MaxAttempts"] = "50",
            ["Sync__UploadResponseWait"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var service = new ServiceProcess(environment);
        await service.StartAsync();
        var host = new ProcessSyncHost(emulator, service, directory);
        await host.SubscribeWebhooksAsync(secret);
        return host;
    }

    /// <summary>Sends a file to the service as the tool does, retrying while the service is down or restarting.</summary>
    public async Task<JsonObject> UploadAsync(int workItemId, string fileName, byte[] bytes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await Api.PostAsync(
                    $"/api/sync/upload?workItemId={workItemId}&fileName={Uri.EscapeDataString(fileName)}", content);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                }

                throw new HttpRequestException($"Upload of {fileName}: {(int)response.StatusCode} " +
                                               await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Ado.Dispose();
        await Service.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the temp folder is cleaned later.
        }
    }

    private async Task SubscribeWebhooksAsync(string secret)
    {
        var options = Options.Create(new AzureDevOpsOptions
        {
            OrganizationUrl = Emulator.OrganizationUrl,
            Project = Emulator.ProjectName,
            Pat = Emulator.Pat,
        });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Emulator.Pat)));
        var hooks = new AdoHooksClient(new AdoConnection(http, options, TimeProvider.System));
        var url = new Uri(Service.BaseAddress, "/api/webhooks/workitem");
        foreach (var eventType in new[] { "workitem.created", "workitem.updated", "workitem.deleted" })
        {
            await hooks.CreateAsync(AdoHooksClient.WebhookFor(eventType, Emulator.ProjectId.ToString(), url, secret),
                CancellationToken.None);
        }
    }
}

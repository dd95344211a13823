using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AdoEmulator;
using AttachmentSync.AzureDevOps;
using AttachmentSync.Server;
using AttachmentSync.Server.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace AttachmentSync.Tests.Infrastructure;

/// <summary>
/// The emulator and the service, both on real loopback ports, with a fresh SQLite file and store, and the
/// emulator's service hooks subscribed to the service's webhook endpoint: by this host, or by the service itself
/// when <see cref="RegisterWebhooksAtStart"/> is set.
/// </summary>
public sealed class SyncTestHost : IAsyncLifetime
{
    public const int ChunkSize = 256 * 1024;
    public const int ChunkedThreshold = 1024 * 1024;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "attachment-sync-tests", Guid.NewGuid().ToString("N"));

    public EmulatorHost Emulator { get; private set; } = null!;

    public AttachmentSyncApplication Service { get; private set; } = null!;

    /// <summary>Client for the service's REST API.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Client for the emulator's organization URL, authenticated with its PAT.</summary>
    public EmulatorClient Ado { get; private set; } = null!;

    public string WebhookSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string StorePath => Path.Combine(_directory, "store");

    public string DatabasePath => Path.Combine(_directory, "sync.db");

    /// <summary>Extra configuration applied on top of the defaults below, for tests that need other limits.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Runs on the service's builder after the settings are added, for tests that add services or loggers.</summary>
    public Action<WebApplicationBuilder>? Configure { get; set; }

    /// <summary>
    /// Whether the service registers its own service hooks at start-up: the service gets a fixed free port and
    /// <c>Webhook:PublicUrl</c> names its webhook endpoint there, and this host subscribes nothing itself.
    /// </summary>
    public bool RegisterWebhooksAtStart { get; init; }

    /// <summary>Runs after the emulator starts and before the service starts, for tests that inject faults.</summary>
    public Action<EmulatorHost>? BeforeServiceStart { get; init; }

    /// <summary>The service's webhook endpoint; the value of <c>Webhook:PublicUrl</c> when the service registers its hooks.</summary>
    public Uri WebhookUrl => new(Service.BaseAddress, "/api/webhooks/workitem");

    private string ServiceUrl { get; set; } = "http://127.0.0.1:0";

    private Dictionary<string, string?> ServiceSettings { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Pat = "test-pat-" + Guid.NewGuid().ToString("N") });
        var settings = ServiceSettings;
        settings.Clear();
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["AzureDevOps:OrganizationUrl"] = Emulator.OrganizationUrl.AbsoluteUri,
            ["AzureDevOps:Project"] = Emulator.ProjectName,
            ["AzureDevOps:Pat"] = Emulator.Pat,
            ["AzureDevOps:ChunkedUploadThreshold"] = ChunkedThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureDevOps:ChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:DatabasePath"] = DatabasePath,
            ["Storage:ContentPath"] = StorePath,
            ["Webhook:Secret"] = WebhookSecret,
            ["Sync:RetryBaseDelay"] = "00:00:00.200",
            ["Sync:RetryMaxDelay"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            settings[key] = value;
        }

        if (RegisterWebhooksAtStart)
        {
            ServiceUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
            settings["Webhook:PublicUrl"] = ServiceUrl + "/api/webhooks/workitem";
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        BeforeServiceStart?.Invoke(Emulator);
        await StartServiceAsync();
        Ado = new EmulatorClient(Emulator);
        if (!RegisterWebhooksAtStart)
        {
            await SubscribeWebhooksAsync();
        }
    }

    /// <summary>Stops the service and starts it again on the same address, database, store and emulator.</summary>
    public async Task RestartServiceAsync()
    {
        Api.Dispose();
        await Service.DisposeAsync();
        await StartServiceAsync();
    }

    public async Task DisposeAsync()
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
            // A file still open by a stopping worker; the temp folder is cleaned by the OS later.
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task StartServiceAsync()
    {
        Service = await AttachmentSyncApplication.StartAsync(["--urls", ServiceUrl],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(ServiceSettings);
                Configure?.Invoke(builder);
            });
        Api = new HttpClient { BaseAddress = Service.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Returns a loopback port that is free now; the service binds it moments later.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task SubscribeWebhooksAsync()
    {
        var registrar = Service.App.Services.GetRequiredService<WebhookRegistrar>();
        var url = new Uri(Service.BaseAddress, "/api/webhooks/workitem");
        if (!await registrar.EnsureSubscriptionsAsync(url, WebhookSecret, CancellationToken.None))
        {
            throw new InvalidOperationException("The test host could not register its webhook subscriptions.");
        }
    }
}

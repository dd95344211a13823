using AdoEmulator.Attachments;
using AdoEmulator.Faults;
using AdoEmulator.Hooks;
using AdoEmulator.Infrastructure;
using AdoEmulator.WorkItems;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AdoEmulator;

/// <summary>
/// Runs the emulator in-process on a real HTTP port, for tests and local runs, with read-only views of its state.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorIdentity _identity;

    private EmulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _identity = app.Services.GetRequiredService<EmulatorIdentity>();
        BaseAddress = baseAddress;
        OrganizationUrl = new Uri(baseAddress, Uri.EscapeDataString(_identity.Organization));
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Collection URL, e.g. <c>http://127.0.0.1:5123/emulator</c>.</summary>
    public Uri OrganizationUrl { get; }

    public string Pat => _identity.Pat;

    public string ProjectName => _identity.ProjectName;

    public Guid ProjectId => _identity.ProjectId;

    /// <summary>Request counts per route and attachment upload bytes.</summary>
    public RequestCounters Counters => _app.Services.GetRequiredService<RequestCounters>();

    /// <summary>Fault rules in force; tests may add and clear rules directly instead of through the admin API.</summary>
    public FaultRegistry Faults => _app.Services.GetRequiredService<FaultRegistry>();

    /// <summary>Every hook notification created so far, with its delivery attempts.</summary>
    public IReadOnlyList<HookNotification> HookNotifications =>
        _app.Services.GetRequiredService<SubscriptionStore>().Notifications();

    /// <summary>Starts the emulator on <paramref name="url"/> (port 0 picks a free port) and waits until it listens.</summary>
    public static async Task<EmulatorHost> StartAsync(
        EmulatorOptions options, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // An appsettings.json in the working directory may raise the host's lifetime messages to Information. An
        // emulator inside another process would then print "Now listening" lines that look like that process's own.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.AddEmulator();
        builder.Services.AddSingleton<IConfigureOptions<EmulatorOptions>>(new ConfigureOptions<EmulatorOptions>(o => Copy(options, o)));

        var app = builder.Build();
        app.MapEmulator();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Returns the bytes stored so far for attachment <paramref name="id"/>, also while a chunked upload is
    /// incomplete, or null when the emulator has no such attachment.
    /// </summary>
    public long? GetStoredLength(Guid id) =>
        _app.Services.GetRequiredService<AttachmentStore>().TryGet(id, out var attachment) ? attachment.Length : null;

    /// <summary>Opens the stored bytes of a completely uploaded attachment.</summary>
    public bool TryOpenAttachmentContent(Guid id, out Stream content)
    {
        var store = _app.Services.GetRequiredService<AttachmentStore>();
        if (store.TryGet(id, out var attachment) && attachment.IsComplete)
        {
            content = store.OpenRead(attachment);
            return true;
        }

        content = Stream.Null;
        return false;
    }

    /// <summary>Returns the current rev, fields and relation count of a work item, or null when it does not exist.</summary>
    public WorkItemInfo? GetWorkItem(int id)
    {
        var item = _app.Services.GetRequiredService<WorkItemStore>().Get(id);
        return item is null ? null : WorkItemInfo.From(item);
    }

    /// <summary>Returns the status of a hook subscription ("enabled", "onProbation", "disabledBySystem"), or null.</summary>
    public string? GetSubscriptionStatus(Guid id)
    {
        var subscription = _app.Services.GetRequiredService<SubscriptionStore>().Get(id);
        if (subscription is null)
        {
            return null;
        }

        lock (subscription.Sync)
        {
            return System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(subscription.Status.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Copy(EmulatorOptions from, EmulatorOptions to)
    {
        to.Organization = from.Organization;
        to.Project = from.Project;
        to.Pat = from.Pat;
        to.MaxAttachmentSize = from.MaxAttachmentSize;
        to.MaxAttachmentsPerWorkItem = from.MaxAttachmentsPerWorkItem;
        to.SimpleUploadMaxSize = from.SimpleUploadMaxSize;
        to.AdminKey = from.AdminKey;
        to.HookRetryScale = from.HookRetryScale;
        to.HookProbationScale = from.HookProbationScale;
        to.HookDeliveryTimeout = from.HookDeliveryTimeout;
        to.StoragePath = from.StoragePath;
    }
}

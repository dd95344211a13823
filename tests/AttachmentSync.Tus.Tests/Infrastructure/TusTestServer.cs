using AttachmentSync.Tus.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttachmentSync.Tus.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a loopback port with the tus endpoint mapped at <see cref="EndpointPath"/>.
/// </summary>
internal sealed class TusTestServer : IAsyncDisposable
{
    public const string EndpointPath = "/api/sync/uploads";

    private readonly WebApplication app;

    private readonly ITusCompletionHandler completionHandler;

    private TusTestServer(WebApplication app, string directory, ITusCompletionHandler completionHandler)
    {
        this.app = app;
        this.completionHandler = completionHandler;
        Directory = directory;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public string Directory { get; }

    public HttpClient Client { get; }

    /// <summary>The completion handler, when the test did not pass one of its own.</summary>
    public RecordingCompletionHandler Completions => (RecordingCompletionHandler)completionHandler;

    public ITusStore Store => app.Services.GetRequiredService<ITusStore>();

    public RecordingObserver Events => app.Services.GetRequiredService<RecordingObserver>();

    public TusMaintenance Maintenance => app.Services.GetRequiredService<TusMaintenance>();

    public static async Task<TusTestServer> StartAsync(
        string directory,
        Action<TusOptions>? configure = null,
        TimeProvider? timeProvider = null,
        ITusCompletionHandler? completionHandler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        completionHandler ??= new RecordingCompletionHandler();
        builder.Services.AddSingleton(completionHandler);
        builder.Services.AddSingleton<RecordingObserver>();
        builder.Services.AddSingleton<ITusUploadObserver>(sp => sp.GetRequiredService<RecordingObserver>());
        builder.Services.AddTus(options =>
        {
            options.Directory = directory;
            options.MaxSize = 1024 * 1024;
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapTus(EndpointPath);
        await app.StartAsync();
        return new TusTestServer(app, directory, completionHandler);
    }

    public string DataPath(string uploadId) => Path.Combine(Directory, uploadId + ".bin");

    public string InfoPath(string uploadId) => Path.Combine(Directory, uploadId + ".info.json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using AttachmentSync.AzureDevOps;
using AttachmentSync.AzureDevOps.Http;
using AttachmentSync.Core;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Sync;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Server.Embedded;
using AttachmentSync.Server.Endpoints;
using AttachmentSync.Server.Problems;
using AttachmentSync.Server.Security;
using AttachmentSync.Server.Webhooks;
using AttachmentSync.Server.Tus;
using AttachmentSync.Storage.Sqlite;
using AttachmentSync.Tus;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server;

/// <summary>
/// Builds and starts the service: configuration (with the documented environment variables), storage,
/// the Azure DevOps client, the job workers and the endpoints. Tests start it in-process the same way
/// <c>Program</c> does.
/// </summary>
public sealed class AttachmentSyncApplication : IAsyncDisposable
{
    /// <summary>Route of the tus 1.0 resumable-upload endpoint.</summary>
    public const string TusUploadsPath = "/api/sync/uploads";

    private AttachmentSyncApplication(WebApplication app, EmbeddedEmulator? emulator)
    {
        App = app;
        Emulator = emulator;
    }

    public WebApplication App { get; }

    /// <summary>The emulator started in-process because no organization was configured, or null.</summary>
    public EmbeddedEmulator? Emulator { get; }

    /// <summary>The first address the service listens on.</summary>
    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features
        .Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<AttachmentSyncApplication> StartAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        LegacyEnvironmentVariables.AddTo(builder.Configuration, Environment.GetEnvironmentVariable);
        configure?.Invoke(builder);
        var emulator = await EmbeddedEmulator.StartIfNeededAsync(builder.Configuration);
        try
        {
            AddServices(builder);
            var app = builder.Build();
            await app.Services.GetRequiredService<SqliteMigrator>().MigrateAsync(cancellationToken);
            MapEndpoints(app);
            await app.StartAsync(cancellationToken);
            await SecurityRegistration.VerifyListenAddressesAsync(app);
            return new AttachmentSyncApplication(app, emulator);
        }
        catch
        {
            if (emulator is not null)
            {
                emulator.DeleteRunDirectory();
                await emulator.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddRequestSecurity();
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<AdoExceptionHandler>();
        services.AddOpenApi();

        services.AddOptions<AzureDevOpsOptions>().Bind(configuration.GetSection(AzureDevOpsOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<StartupValidation>();
        services.AddSingleton<IValidateOptions<AzureDevOpsOptions>>(sp => sp.GetRequiredService<StartupValidation>());
        services.AddSingleton<IValidateOptions<StorageOptions>>(sp => sp.GetRequiredService<StartupValidation>());
        services.AddSingleton<IValidateOptions<WebhookOptions>>(sp => sp.GetRequiredService<StartupValidation>());

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSqliteStorage(storage.DatabasePath);
        services.AddSingleton<IContentStore>(_ => new FileSystemContentStore(storage.ContentPath));
        services.AddAzureDevOpsClient();
        services.Configure<AdoThrottleOptions>(configuration.GetSection($"{AzureDevOpsOptions.SectionName}:Throttle"));
        services.AddSyncEngine();
        services.AddSingleton<WebhookAuthenticator>();
        services.AddWebhookRegistration();
        services.AddTusUploads(configuration, storage);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSecurity();
        app.MapOpenApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("Health").AllowAnonymous();
        app.MapUploadEndpoints();
        app.MapAttachmentEndpoints();
        app.MapSyncEndpoints();
        app.MapWebhookEndpoints();
        app.MapTus(TusUploadsPath).AddEndpointFilter<TusMetadataFilter>();
        app.MapUploadSessionEndpoints();
    }
}

using AttachmentSync.Core.Sync;
using AttachmentSync.Server.Configuration;
using AttachmentSync.Tus;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Server.Tus;

/// <summary>Registers the tus endpoint's services with the settings the service needs.</summary>
public static class TusUploadRegistration
{
    /// <summary>
    /// Adds tus with the <c>Tus</c> configuration section, the completion handler, the session observer and
    /// the hourly cleanup. The upload directory defaults to <c>{Storage:ContentPath}/.uploads</c>,
    /// <c>filename</c> and <c>workItemId</c> are always required, and <c>Tus:MaxSize</c> is lowered to
    /// <c>Sync:MaxUploadBytes</c>, because a completed upload larger than that could never be stored.
    /// </summary>
    public static IServiceCollection AddTusUploads(
        this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        services.AddSingleton<ITusCompletionHandler, TusUploadCompletion>();
        services.AddSingleton<ITusUploadObserver, TusSessionObserver>();
        services.AddTus(configuration.GetSection(TusOptions.SectionName));
        services.AddOptions<TusOptions>().PostConfigure<IOptions<SyncOptions>>((options, sync) =>
        {
            if (string.IsNullOrWhiteSpace(options.Directory))
            {
                options.Directory = Path.Combine(storage.ContentPath, ".uploads");
            }

            foreach (var key in new[] { TusMetadata.FileNameKey, TusMetadata.WorkItemIdKey })
            {
                if (!options.RequiredMetadataKeys.Contains(key))
                {
                    options.RequiredMetadataKeys.Add(key);
                }
            }

            options.MaxSize = Math.Min(options.MaxSize, sync.Value.MaxUploadBytes);
        });
        services.AddHostedService<TusCleanupService>();
        return services;
    }
}

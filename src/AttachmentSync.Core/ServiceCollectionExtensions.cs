using AttachmentSync.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AttachmentSync.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the job handlers (scoped: each job gets fresh Azure DevOps clients from the HttpClient
    /// factory), the workers that run them, the reconciliation sweep, and the ingest path.
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        services.AddSingleton<JobSignals>();
        services.AddSingleton<JobRetryPipeline>();
        services.AddSingleton<DeleteGuard>();
        services.AddScoped<WorkItemLinker>();
        services.AddScoped<ChunkedUploader>();
        services.AddScoped<WorkItemReconciler>();
        services.AddScoped<ReconciliationSweep>();
        services.AddScoped<ContentRetentionPurge>();
        services.AddScoped<AttachmentIngestor>();
        services.AddScoped<ISyncJobHandler, UploadJobHandler>();
        services.AddScoped<ISyncJobHandler, DownloadJobHandler>();
        services.AddScoped<ISyncJobHandler, UnlinkJobHandler>();
        services.AddScoped<ISyncJobHandler, ReconcileJobHandler>();
        services.AddHostedService<JobWorker>();
        services.AddHostedService<SweepService>();
        return services;
    }
}

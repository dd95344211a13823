using AttachmentSync.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the job handlers (scoped: each job gets fresh Azure DevOps clients from the HttpClient
    /// factory), the workers that run them, and the ingest path.
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services)
    {
        services.AddSingleton<JobSignals>();
        services.AddScoped<WorkItemLinker>();
        services.AddScoped<WorkItemReconciler>();
        services.AddScoped<AttachmentIngestor>();
        services.AddScoped<ISyncJobHandler, UploadJobHandler>();
        services.AddScoped<ISyncJobHandler, DownloadJobHandler>();
        services.AddScoped<ISyncJobHandler, UnlinkJobHandler>();
        services.AddScoped<ISyncJobHandler, ReconcileJobHandler>();
        services.AddHostedService<JobWorker>();
        return services;
    }
}

using AttachmentSync.Core.Attachments;
using AttachmentSync.Core.Diagnostics;
using AttachmentSync.Core.Jobs;
using AttachmentSync.Core.Sync;
using AttachmentSync.Core.Uploads;
using AttachmentSync.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AttachmentSync.Storage.Sqlite;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the SQLite ledger, queue and logs on the database file at <paramref name="path"/>.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.AddSingleton(new SqliteDatabase(path));
        services.AddSingleton<SqliteMigrator>();
        services.AddSingleton<IAttachmentRepository, SqliteAttachmentRepository>();
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<IEventLog, SqliteEventLog>();
        services.AddSingleton<IWebhookDeliveryStore, SqliteWebhookDeliveryStore>();
        services.AddSingleton<IWebhookSubscriptionStore, SqliteWebhookSubscriptionStore>();
        services.AddSingleton<IDeduplicationIndex, SqliteDeduplicationIndex>();
        services.AddSingleton<IUploadSessionRepository, SqliteUploadSessionRepository>();
        services.AddSingleton<ISweepStore, SqliteSweepStore>();
        return services;
    }
}

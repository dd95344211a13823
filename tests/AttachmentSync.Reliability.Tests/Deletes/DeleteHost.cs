using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Deletes;

/// <summary>
/// The in-process service with webhooks stored but not acted on, so a test decides when a work item is
/// reconciled, and with a one-second retention for deleted content.
/// </summary>
public sealed class DeleteHost : IAsyncLifetime
{
    public SyncTestHost Sync { get; } = new();

    public Task InitializeAsync()
    {
        Sync.Settings["Sync:UploadResponseWait"] = "00:00:00";
        Sync.Settings["Sync:AutoSyncOnWebhook"] = "false";
        Sync.Settings["Sync:SweepInterval"] = "00:00:01";
        Sync.Settings["Sync:DeletedContentRetention"] = "00:00:01";
        return Sync.InitializeAsync();
    }

    public Task DisposeAsync() => Sync.DisposeAsync();
}

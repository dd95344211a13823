using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Reliability.Tests.Faults;

/// <summary>
/// The in-process service and emulator for fault tests: upload requests return at once, failed jobs retry
/// quickly, and the sweep runs every two seconds.
/// </summary>
public sealed class FaultHost : IAsyncLifetime
{
    public SyncTestHost Sync { get; } = new();

    public Task InitializeAsync()
    {
        Sync.Settings["Sync:UploadResponseWait"] = "00:00:00";
        Sync.Settings["Sync:SweepInterval"] = "00:00:02";
        Sync.Settings["Sync:MaxAttempts"] = "50";
        return Sync.InitializeAsync();
    }

    public Task DisposeAsync() => Sync.DisposeAsync();
}

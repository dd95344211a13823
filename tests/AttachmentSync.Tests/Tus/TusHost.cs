using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Tests.Tus;

/// <summary>One service and emulator shared by the tus route tests, with a work item to upload to.</summary>
public sealed class TusHost : IAsyncLifetime
{
    public SyncTestHost Sync { get; } = new();

    public TusRequests Tus { get; private set; } = null!;

    public int WorkItemId { get; private set; }

    public async Task InitializeAsync()
    {
        await Sync.InitializeAsync();
        Tus = new TusRequests(Sync.Api);
        WorkItemId = await Sync.Ado.CreateWorkItemAsync("tus route checks");
    }

    public Task DisposeAsync() => Sync.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TusCollection : ICollectionFixture<TusHost>
{
    public const string Name = "tus route";
}

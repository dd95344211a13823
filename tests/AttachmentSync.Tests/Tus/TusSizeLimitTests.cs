using System.Net;
using AttachmentSync.Tests.Infrastructure;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

/// <summary>
/// <c>Sync:MaxUploadBytes</c> bounds tus uploads too, so an upload that could never be stored is rejected at
/// creation instead of after its last byte.
/// </summary>
public sealed class TusSizeLimitTests : IAsyncLifetime
{
    private readonly SyncTestHost _sync = new();

    public async Task InitializeAsync()
    {
        _sync.Settings["Sync:MaxUploadBytes"] = "1000";
        await _sync.InitializeAsync();
    }

    public Task DisposeAsync() => _sync.DisposeAsync();

    [Fact]
    public async Task Max_upload_bytes_caps_tus_max_size()
    {
        var tus = new TusRequests(_sync.Api);
        var metadata = MetadataFor(await _sync.Ado.CreateWorkItemAsync("size limit"), "limit.bin");

        using var options = await _sync.Api.SendAsync(new HttpRequestMessage(HttpMethod.Options, UploadsPath));
        using var atLimit = await tus.CreateAsync(1000, metadata);
        using var overLimit = await tus.CreateAsync(1001, metadata);
        var problem = await ProblemAsync(overLimit);

        Assert.Equal("1000", Header(options, "Tus-Max-Size"));
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overLimit.StatusCode);
        Assert.Equal("at most 1000", (string?)problem["expected"]);
    }
}

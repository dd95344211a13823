using System.Net;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class TerminationTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private TusTestServer server = null!;

    public async Task InitializeAsync() => server = await TusTestServer.StartAsync(directory.Path);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Delete_returns_204_and_later_requests_404()
    {
        var url = await server.Client.CreateUploadAsync(10);
        var id = url.Split('/')[^1];
        using var patch = await server.Client.SendAsync(Patch(url, 0, [1, 2]));

        using var delete = await server.Client.SendAsync(Request(HttpMethod.Delete, url));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("1.0.0", delete.Header("Tus-Resumable"));
        Assert.False(File.Exists(server.DataPath(id)));
        Assert.False(File.Exists(server.InfoPath(id)));
        Assert.Contains($"terminated:{id}:2", server.Events.Events);

        using var head = await server.Client.HeadAsync(url);
        using var secondPatch = await server.Client.SendAsync(Patch(url, 2, [3]));
        using var secondDelete = await server.Client.SendAsync(Request(HttpMethod.Delete, url));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        await secondPatch.ReadProblemAsync(404);
        await secondDelete.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Delete_without_tus_resumable_returns_412()
    {
        var url = await server.Client.CreateUploadAsync(10);

        using var delete = await server.Client.SendAsync(Request(HttpMethod.Delete, url, tusResumable: false));

        await delete.ReadProblemAsync(412);
        Assert.Equal(0, await server.Client.GetOffsetAsync(url));
    }
}

using System.Net;
using AttachmentSync.Tus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class ExpirationTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TusTestServer server = null!;

    public async Task InitializeAsync() => server = await TusTestServer.StartAsync(directory.Path, timeProvider: time);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Post_and_patch_return_upload_expires()
    {
        using var create = await server.Client.SendAsync(Create(10));
        var url = create.Headers.Location!.OriginalString;
        time.Advance(TimeSpan.FromHours(1));

        using var patch = await server.Client.SendAsync(Patch(url, 0, [1]));

        Assert.Equal("Sun, 02 Mar 2025 12:00:00 GMT", create.Header("Upload-Expires"));
        Assert.Equal("Sun, 02 Mar 2025 13:00:00 GMT", patch.Header("Upload-Expires"));
    }

    [Fact]
    public async Task Expired_upload_returns_410_until_removed()
    {
        var url = await server.Client.CreateUploadAsync(10);
        using var patch = await server.Client.SendAsync(Patch(url, 0, [1, 2]));
        time.Advance(TimeSpan.FromHours(24));

        using var head = await server.Client.HeadAsync(url);
        using var latePatch = await server.Client.SendAsync(Patch(url, 2, [3]));

        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        await latePatch.ReadProblemAsync(410);
    }

    [Fact]
    public async Task Cleanup_removes_expired_files()
    {
        var expiring = await server.Client.CreateUploadAsync(10);
        var id = expiring.Split('/')[^1];
        time.Advance(TimeSpan.FromHours(23));
        var fresh = await server.Client.CreateUploadAsync(10);
        time.Advance(TimeSpan.FromHours(2));

        var removed = await server.Maintenance.RemoveExpiredUploadsAsync(CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(server.DataPath(id)));
        Assert.False(File.Exists(server.InfoPath(id)));
        Assert.Contains($"expired:{id}:0", server.Events.Events);
        using var head = await server.Client.HeadAsync(expiring);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(0, await server.Client.GetOffsetAsync(fresh));
    }

    [Fact]
    public async Task Expiration_option_sets_upload_expires()
    {
        await server.DisposeAsync();
        server = await TusTestServer.StartAsync(
            directory.Path, options => options.Expiration = TimeSpan.FromMinutes(5), timeProvider: time);

        using var create = await server.Client.SendAsync(Create(10));

        Assert.Equal("Sat, 01 Mar 2025 12:05:00 GMT", create.Header("Upload-Expires"));
    }
}

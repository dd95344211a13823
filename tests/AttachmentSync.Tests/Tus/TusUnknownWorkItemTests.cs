using System.Net;
using System.Text;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Tests.Tus;

/// <summary>A resumable upload for a work item Azure DevOps does not have is rejected before any byte is sent.</summary>
public sealed class TusUnknownWorkItemTests : IAsyncLifetime
{
    private readonly SyncTestHost _sync = new();

    public Task InitializeAsync() => _sync.InitializeAsync();

    public Task DisposeAsync() => _sync.DisposeAsync();

    [Fact]
    public async Task Unknown_work_item_is_not_found()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata",
            $"filename {Base64("a.txt")},workItemId {Base64("987654")}");

        using var response = await _sync.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("987654", body, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

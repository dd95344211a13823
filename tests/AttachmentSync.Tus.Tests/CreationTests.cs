using System.Net;
using System.Net.Http.Headers;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class CreationTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private TusTestServer server = null!;

    public async Task InitializeAsync() =>
        server = await TusTestServer.StartAsync(
            directory.Path,
            options =>
            {
                options.RequiredMetadataKeys.Add("filename");
                options.RequiredMetadataKeys.Add("workItemId");
            });

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    private static string ValidMetadata => $"filename {Base64("run.log")},workItemId {Base64("42")}";

    [Fact]
    public async Task Post_returns_201_with_location()
    {
        using var response = await server.Client.SendAsync(Create(100, ValidMetadata));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/api/sync/uploads/[0-9a-f]{32}$", location);
        Assert.Equal("1.0.0", response.Header("Tus-Resumable"));
        Assert.True(File.Exists(server.InfoPath(location.Split('/')[^1])));
        Assert.Contains($"created:{location.Split('/')[^1]}:0", server.Events.Events);
    }

    [Fact]
    public async Task Post_over_max_size_returns_413()
    {
        using var response = await server.Client.SendAsync(Create(1024 * 1024 + 1, ValidMetadata));

        var problem = await response.ReadProblemAsync(413);
        Assert.Equal("Upload-Length", problem.Text("header"));
        Assert.Equal("1048577", problem.Text("received"));
        Assert.Equal("at most 1048576", problem.Text("expected"));
    }

    [Fact]
    public async Task Post_without_upload_length_returns_400()
    {
        using var request = Create(1, ValidMetadata);
        request.Headers.Remove("Upload-Length");

        using var response = await server.Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Length", problem.Text("header"));
    }

    [Fact]
    public async Task Post_with_defer_length_returns_400()
    {
        using var request = Create(1, ValidMetadata);
        request.Headers.Remove("Upload-Length");
        request.Headers.Add("Upload-Defer-Length", "1");

        using var response = await server.Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Defer-Length", problem.Text("header"));
    }

    [Fact]
    public async Task Post_without_required_key_returns_400()
    {
        using var response = await server.Client.SendAsync(Create(10, $"filename {Base64("run.log")}"));

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Metadata", problem.Text("header"));
        Assert.Equal("workItemId", problem.Text("key"));
        Assert.Contains("workItemId", problem.Text("detail"), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task Post_with_empty_required_value_returns_400()
    {
        using var response = await server.Client.SendAsync(Create(10, $"filename,workItemId {Base64("42")}"));

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("filename", problem.Text("key"));
    }

    [Fact]
    public async Task Zero_length_upload_is_complete_at_creation()
    {
        using var response = await server.Client.SendAsync(Create(0, ValidMetadata));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;

        using var head = await server.Client.HeadAsync(url);

        Assert.Equal("0", head.Header("Upload-Offset"));
        Assert.Equal("0", head.Header("Upload-Length"));
        var completed = Assert.Single(server.Completions.Calls);
        Assert.Equal(url.Split('/')[^1], completed.Id);
        Assert.True(completed.IsCompleted);
    }

    [Fact]
    public async Task Post_with_body_stores_first_chunk()
    {
        using var request = Create(10, ValidMetadata);
        request.Content = new ByteArrayContent([1, 2, 3, 4]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("4", response.Header("Upload-Offset"));
        Assert.Equal(4, await server.Client.GetOffsetAsync(response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Post_with_whole_body_completes_upload()
    {
        using var request = Create(3, ValidMetadata);
        request.Content = new ByteArrayContent([7, 8, 9]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal("3", response.Header("Upload-Offset"));
        Assert.Single(server.Completions.Calls);
    }

    [Fact]
    public async Task Post_with_body_of_wrong_type_returns_415()
    {
        using var request = Create(10, ValidMetadata);
        request.Content = new ByteArrayContent([1, 2]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var response = await server.Client.SendAsync(request);

        await response.ReadProblemAsync(415);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}

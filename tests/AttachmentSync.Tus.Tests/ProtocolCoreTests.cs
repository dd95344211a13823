using System.Net;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class ProtocolCoreTests : IAsyncLifetime
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
    public async Task Options_lists_version_extensions_and_limits()
    {
        using var response = await server.Client.SendAsync(
            Request(HttpMethod.Options, TusTestServer.EndpointPath, tusResumable: false));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Header("Tus-Version"));
        Assert.Equal("1.0.0", response.Header("Tus-Resumable"));
        Assert.Equal(
            "creation,creation-with-upload,termination,expiration,checksum",
            response.Header("Tus-Extension"));
        Assert.Equal("1048576", response.Header("Tus-Max-Size"));
        Assert.Equal("sha1,sha256", response.Header("Tus-Checksum-Algorithm"));
    }

    [Fact]
    public async Task Missing_tus_resumable_returns_412()
    {
        using var request = Create(10);
        request.Headers.Remove("Tus-Resumable");

        using var response = await server.Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(412);
        Assert.Equal("1.0.0", response.Header("Tus-Version"));
        Assert.Equal("Tus-Resumable", problem.Text("header"));
        Assert.Equal("1.0.0", problem.Text("expected"));
    }

    [Fact]
    public async Task Unsupported_tus_version_returns_412()
    {
        var url = await server.Client.CreateUploadAsync(10);
        using var request = Request(HttpMethod.Head, url, tusResumable: false);
        request.Headers.Add("Tus-Resumable", "0.2.2");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("1.0.0", response.Header("Tus-Version"));
        Assert.Equal("1.0.0", response.Header("Tus-Resumable"));
    }

    [Fact]
    public async Task Head_returns_offset_length_metadata_no_store()
    {
        var metadata = $"filename {Base64("a.log")},empty";
        var url = await server.Client.CreateUploadAsync(10, metadata);

        using var response = await server.Client.HeadAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.Header("Upload-Offset"));
        Assert.Equal("10", response.Header("Upload-Length"));
        Assert.Equal(metadata, response.Header("Upload-Metadata"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Equal("1.0.0", response.Header("Tus-Resumable"));
    }

    [Fact]
    public async Task Head_of_unknown_upload_returns_404()
    {
        using var response = await server.Client.HeadAsync($"{TusTestServer.EndpointPath}/{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task Patch_appends_and_returns_new_offset()
    {
        var url = await server.Client.CreateUploadAsync(10);

        using var first = await server.Client.SendAsync(Patch(url, 0, [1, 2, 3, 4]));
        using var second = await server.Client.SendAsync(Patch(url, 4, [5, 6]));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("4", first.Header("Upload-Offset"));
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("6", second.Header("Upload-Offset"));
        Assert.Equal("1.0.0", second.Header("Tus-Resumable"));
        Assert.Equal(6, await server.Client.GetOffsetAsync(url));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, File.ReadAllBytes(server.DataPath(url.Split('/')[^1])));
    }

    [Fact]
    public async Task Patch_with_wrong_content_type_returns_415()
    {
        var url = await server.Client.CreateUploadAsync(10);
        using var request = Patch(url, 0, [1, 2]);
        request.Content!.Headers.ContentType = new("application/octet-stream");

        using var response = await server.Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(415);
        Assert.Equal("Content-Type", problem.Text("header"));
        Assert.Equal("application/octet-stream", problem.Text("received"));
        Assert.Equal(0, await server.Client.GetOffsetAsync(url));
    }

    [Fact]
    public async Task Patch_with_wrong_offset_returns_409()
    {
        var url = await server.Client.CreateUploadAsync(10);
        using var first = await server.Client.SendAsync(Patch(url, 0, [1, 2, 3]));

        using var response = await server.Client.SendAsync(Patch(url, 1, [9, 9]));

        var problem = await response.ReadProblemAsync(409);
        Assert.Contains("Upload-Offset 1", problem.Text("detail"), StringComparison.Ordinal);
        Assert.Contains("current offset 3", problem.Text("detail"), StringComparison.Ordinal);
        Assert.Equal("Upload-Offset", problem.Text("header"));
        Assert.Equal("1", problem.Text("received"));
        Assert.Equal("3", problem.Text("expected"));
        Assert.Equal(3, await server.Client.GetOffsetAsync(url));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task Patch_with_invalid_offset_header_returns_400(string offset)
    {
        var url = await server.Client.CreateUploadAsync(10);
        using var request = Patch(url, 0, [1]);
        request.Headers.Remove("Upload-Offset");
        if (offset.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Upload-Offset", offset);
        }

        using var response = await server.Client.SendAsync(request);

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Offset", problem.Text("header"));
        Assert.Equal(offset, problem.Text("received"));
    }

    [Fact]
    public async Task Patch_past_upload_length_returns_413()
    {
        var url = await server.Client.CreateUploadAsync(4);

        using var response = await server.Client.SendAsync(Patch(url, 0, [1, 2, 3, 4, 5]));

        await response.ReadProblemAsync(413);
        Assert.Equal(0, await server.Client.GetOffsetAsync(url));
    }

    [Fact]
    public async Task Patch_of_unknown_upload_returns_404()
    {
        using var response = await server.Client.SendAsync(
            Patch($"{TusTestServer.EndpointPath}/{Guid.NewGuid():N}", 0, [1]));

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Patch_with_malformed_id_returns_404()
    {
        using var response = await server.Client.SendAsync(Patch($"{TusTestServer.EndpointPath}/..%2Fetc", 0, [1]));

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Method_override_serves_post_as_patch()
    {
        var url = await server.Client.CreateUploadAsync(3);
        using var request = Patch(url, 0, [1, 2, 3]);
        request.Method = HttpMethod.Post;
        request.Headers.Add("X-HTTP-Method-Override", "PATCH");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("3", response.Header("Upload-Offset"));
    }
}

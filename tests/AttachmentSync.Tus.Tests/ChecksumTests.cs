using System.Net;
using System.Security.Cryptography;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class ChecksumTests : IAsyncLifetime
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
    public async Task Matching_sha1_and_sha256_are_accepted()
    {
        var url = await server.Client.CreateUploadAsync(8);
        byte[] first = [1, 2, 3, 4];
        byte[] second = [5, 6, 7, 8];

#pragma warning disable CA5350 // SHA-1 is one of the two algorithms the tus checksum extension is tested with.
        var sha1Digest = SHA1.HashData(first);
#pragma warning restore CA5350
        using var sha1 = await server.Client.SendAsync(
            Patch(url, 0, first, "sha1 " + Convert.ToBase64String(sha1Digest)));
        using var sha256 = await server.Client.SendAsync(
            Patch(url, 4, second, "sha256 " + Convert.ToBase64String(SHA256.HashData(second))));

        Assert.Equal(HttpStatusCode.NoContent, sha1.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, sha256.StatusCode);
        Assert.Equal("8", sha256.Header("Upload-Offset"));
    }

    [Fact]
    public async Task Checksum_mismatch_returns_460_and_keeps_offset()
    {
        var url = await server.Client.CreateUploadAsync(8);
        using var first = await server.Client.SendAsync(Patch(url, 0, [1, 2]));
        var wrongDigest = Convert.ToBase64String(SHA256.HashData([9, 9, 9]));

        using var response = await server.Client.SendAsync(Patch(url, 2, [3, 4, 5], "sha256 " + wrongDigest));

        var problem = await response.ReadProblemAsync(460);
        Assert.Equal("Upload-Checksum", problem.Text("header"));
        Assert.Equal(2, await server.Client.GetOffsetAsync(url));
        Assert.Equal(2, new FileInfo(server.DataPath(url.Split('/')[^1])).Length);

        using var retry = await server.Client.SendAsync(
            Patch(url, 2, [3, 4, 5], "sha256 " + Convert.ToBase64String(SHA256.HashData([3, 4, 5]))));
        Assert.Equal("5", retry.Header("Upload-Offset"));
    }

    [Theory]
    [InlineData("md5 1B2M2Y8AsgTpgAmY7PhCfg==")]
    [InlineData("crc32 AAAAAA==")]
    public async Task Unsupported_algorithm_returns_400(string checksum)
    {
        var url = await server.Client.CreateUploadAsync(8);

        using var response = await server.Client.SendAsync(Patch(url, 0, [1], checksum));

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Checksum", problem.Text("header"));
        Assert.Equal(checksum, problem.Text("received"));
        Assert.Contains("sha1, sha256", problem.Text("expected"), StringComparison.Ordinal);
        Assert.Equal(0, await server.Client.GetOffsetAsync(url));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha1 not-base64!")]
    [InlineData("sha256 AAAA")]
    public async Task Malformed_checksum_returns_400(string checksum)
    {
        var url = await server.Client.CreateUploadAsync(8);

        using var response = await server.Client.SendAsync(Patch(url, 0, [1], checksum));

        await response.ReadProblemAsync(400);
    }
}

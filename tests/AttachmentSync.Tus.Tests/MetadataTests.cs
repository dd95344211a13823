using System.Net;
using System.Text;
using AttachmentSync.Tus.Tests.Infrastructure;
using static AttachmentSync.Tus.Tests.Infrastructure.TusRequests;

namespace AttachmentSync.Tus.Tests;

public sealed class MetadataTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private TusTestServer server = null!;

    public async Task InitializeAsync() =>
        server = await TusTestServer.StartAsync(
            directory.Path, options => options.RequiredMetadataKeys.Add("filename"));

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Theory]
    [InlineData("filename bm90IGJhc2U2NA!!")]
    [InlineData("filename abc")]
    public async Task Invalid_base64_returns_400_naming_key(string metadata)
    {
        using var response = await server.Client.SendAsync(Create(1, metadata));

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Upload-Metadata", problem.Text("header"));
        Assert.Equal("filename", problem.Text("key"));
        Assert.Contains("'filename'", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x66, 0xff, 0x6f })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public async Task Invalid_utf8_returns_400_naming_key(byte[] value)
    {
        var metadata = $"workItemId {Base64("1")},filename {Convert.ToBase64String(value)}";

        using var response = await server.Client.SendAsync(Create(1, metadata));

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("filename", problem.Text("key"));
        Assert.Equal(Convert.ToBase64String(value), problem.Text("received"));
    }

    [Theory]
    [InlineData("filename a,filename b")]
    [InlineData("filename YQ== extra")]
    [InlineData("filename YQ==,,x")]
    public async Task Malformed_pairs_return_400(string metadata)
    {
        using var request = Create(1);
        request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);

        using var response = await server.Client.SendAsync(request);

        await response.ReadProblemAsync(400);
    }

    public static TheoryData<string> HostileNames => new()
    {
        "../../etc/passwd",
        "..\\..\\Windows\\System32\\config",
        "CON",
        "report\u0000.log",
        "inv\u202Egol.exe",
        "Cafe\u0301 re\u0301sume\u0301.txt",
        "Café résumé.txt",
        "日本語 ファイル 😀.log",
        "  leading and trailing  ",
        "line\r\nbreak.log",
        "a,b c=d;e\"f'g<h>.txt",
        new string('x', 1000),
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Hostile_file_names_are_kept_exactly(string name)
    {
        var metadata = $"filename {Base64(name)}";
        var url = await server.Client.CreateUploadAsync(2, metadata);

        using var head = await server.Client.HeadAsync(url);
        using var patch = await server.Client.SendAsync(Patch(url, 0, [1, 2]));

        Assert.Equal(metadata, head.Header("Upload-Metadata"));
        var completed = Assert.Single(server.Completions.Calls);
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(completed.Metadata["filename"]));
        Assert.Single(Directory.GetFiles(directory.Path, "*.bin"));
    }

    [Fact]
    public async Task Decomposed_name_is_not_normalized()
    {
        const string decomposed = "Cafe\u0301.txt";
        var url = await server.Client.CreateUploadAsync(0, $"filename {Base64(decomposed)}");

        var completed = Assert.Single(server.Completions.Calls);

        Assert.EndsWith(completed.Id, url, StringComparison.Ordinal);
        Assert.Equal(decomposed, completed.Metadata["filename"], StringComparer.Ordinal);
        Assert.NotEqual("Caf\u00e9.txt", completed.Metadata["filename"], StringComparer.Ordinal);
        Assert.True(TusFileNames.AreEquivalent("Caf\u00e9.txt", completed.Metadata["filename"]));
    }

    [Fact]
    public void Nfc_comparison_distinguishes_different_names()
    {
        Assert.True(TusFileNames.AreEquivalent("e\u0301", "\u00e9"));
        Assert.False(TusFileNames.AreEquivalent("e", "\u00e9"));
        Assert.False(TusFileNames.AreEquivalent("A.txt", "a.txt"));
        Assert.True(TusFileNames.AreEquivalent(null, null));
        Assert.False(TusFileNames.AreEquivalent("a", null));
        Assert.True(TusFileNames.AreEquivalent("\ud800x", "\ud800x"));
    }

    [Fact]
    public async Task Key_without_value_is_accepted()
    {
        using var response = await server.Client.SendAsync(Create(1, $"filename {Base64("a")},is_confidential"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

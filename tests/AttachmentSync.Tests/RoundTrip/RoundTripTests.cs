using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;

namespace AttachmentSync.Tests.RoundTrip;

/// <summary>
/// Tool → Azure DevOps → tool over real HTTP: the service and the emulator on loopback, a real SQLite file
/// and the real files of <c>tests/fixtures/real-files</c>.
/// </summary>
public sealed class RoundTripTests(RoundTripTests.Host host) : IClassFixture<RoundTripTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public SyncTestHost Sync { get; } = new();

        public Task InitializeAsync() => Sync.InitializeAsync();

        public Task DisposeAsync() => Sync.DisposeAsync();
    }

    public static TheoryData<string> RealFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in RepositoryFiles.RealFiles())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static TheoryData<string, int> GeneratedFiles() => new()
    {
        { "empty.bin", 0 },
        { "a&b=c 50%+plus#1.txt", 1234 },
        { "name with  spaces.log", 77 },
        { "Prüfbericht-ÄÖÜ-日本語-😀.txt", 4096 },
        { "random-10MiB.bin", 10 * 1024 * 1024 },
    };

    private SyncTestHost Sync => host.Sync;

    [Theory]
    [MemberData(nameof(RealFileNames))]
    public async Task Real_file_round_trips_both_ways(string fileName)
    {
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.Fixture("real-files", fileName));
        await AssertRoundTripAsync(fileName, bytes);
    }

    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public async Task Generated_file_round_trips_both_ways(string fileName, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        await AssertRoundTripAsync(fileName, bytes);
    }

    [Fact]
    public async Task Large_upload_goes_to_emulator_in_chunks()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("chunked");
        var bytes = new byte[3 * SyncTestHost.ChunkedThreshold + 17];
        new Random(3).NextBytes(bytes);
        var chunksBefore = Sync.Emulator.Counters.Count("PUT", "attachments.uploadChunk");

        using var response = await UploadRawAsync(workItemId, "big.bin", bytes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var expectedChunks = (bytes.Length + SyncTestHost.ChunkSize - 1) / SyncTestHost.ChunkSize;
        Assert.Equal(expectedChunks, Sync.Emulator.Counters.Count("PUT", "attachments.uploadChunk") - chunksBefore);
    }

    [Fact]
    public async Task Same_bytes_again_upload_nothing()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("dedup");
        var bytes = Encoding.UTF8.GetBytes("the same log twice " + Guid.NewGuid());
        using var first = await UploadRawAsync(workItemId, "first.log", bytes);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();
        var bytesBefore = Sync.Emulator.Counters.AttachmentBytesReceived;
        var patchesBefore = Sync.Emulator.Counters.Count("PATCH", "workitems.update");

        using var second = await UploadRawAsync(workItemId, "renamed.log", bytes);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var secondBody = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(firstBody!["id"]!.GetValue<string>(), secondBody!["id"]!.GetValue<string>());
        Assert.Equal(bytesBefore, Sync.Emulator.Counters.AttachmentBytesReceived);
        Assert.Equal(patchesBefore, Sync.Emulator.Counters.Count("PATCH", "workitems.update"));
        Assert.Single(await Sync.Ado.GetAttachedFilesAsync(workItemId));
    }

    [Fact]
    public async Task Same_bytes_on_other_work_item_reuse_attachment()
    {
        var first = await Sync.Ado.CreateWorkItemAsync("first");
        var second = await Sync.Ado.CreateWorkItemAsync("second");
        var bytes = Encoding.UTF8.GetBytes("shared screenshot " + Guid.NewGuid());
        using var firstResponse = await UploadRawAsync(first, "shot.png", bytes);
        var bytesBefore = Sync.Emulator.Counters.AttachmentBytesReceived;

        using var secondResponse = await UploadRawAsync(second, "shot.png", bytes);

        Assert.Equal(HttpStatusCode.Created, secondResponse.StatusCode);
        Assert.Equal(bytesBefore, Sync.Emulator.Counters.AttachmentBytesReceived);
        var relation = Assert.Single(await Sync.Ado.GetAttachedFilesAsync(second));
        Assert.Equal((await Sync.Ado.GetAttachedFilesAsync(first))[0].Id, relation.Id);
    }

    [Fact]
    public async Task Multipart_upload_keeps_name_and_bytes()
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("multipart");
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.Fixture("real-files", "rust_layers.svg"));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(workItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "workItemId");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/svg+xml");
        form.Add(file, "file", "layers #1 ü.svg");

        using var response = await Sync.Api.PostAsync("/api/sync/upload", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var relation = Assert.Single(await Sync.Ado.GetAttachedFilesAsync(workItemId));
        Assert.Equal("layers #1 ü.svg", relation.Name);
        Assert.Equal(bytes.Length, relation.Size);
    }

    private async Task AssertRoundTripAsync(string fileName, byte[] bytes)
    {
        var workItemId = await Sync.Ado.CreateWorkItemAsync("round trip " + fileName);
        var sha256 = Hashes.Sha256(bytes);

        // Tool → Azure DevOps.
        using var upload = await UploadRawAsync(workItemId, fileName, bytes);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var record = await upload.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("SYNCED", record!["syncStatus"]!.GetValue<string>());
        Assert.Equal(sha256, record["sha256"]!.GetValue<string>());

        var relation = Assert.Single(await Sync.Ado.GetAttachedFilesAsync(workItemId));
        Assert.Equal(fileName, relation.Name);
        Assert.Equal(bytes.Length, relation.Size);
        Assert.True(Sync.Emulator.TryOpenAttachmentContent(relation.Id, out var stored));
        await using (stored)
        {
            Assert.Equal(sha256, Hashes.Sha256(stored));
        }

        // Azure DevOps → tool: a second name for the same work item, added on the emulator side.
        var adoName = "from-ado-" + fileName;
        var adoId = await Sync.Ado.AddAttachmentAsync(workItemId, adoName, bytes);
        JsonObject? arrived = null;
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var list = await Sync.Api.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
            arrived = list!.OfType<JsonObject>().FirstOrDefault(item =>
                item["adoAttachmentId"]?.GetValue<string>() == adoId.ToString() && item["syncStatus"]!.GetValue<string>() == "SYNCED");
            return arrived is not null;
        }, $"the attachment added in Azure DevOps to work item {workItemId} is synced");

        Assert.Equal(adoName, arrived!["fileName"]!.GetValue<string>());
        Assert.Equal("ADO", arrived["source"]!.GetValue<string>());
        using var content = await Sync.Api.GetAsync(arrived["contentUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(sha256, Hashes.Sha256(await content.Content.ReadAsByteArrayAsync()));
        Assert.Equal(adoName, content.Content.Headers.ContentDisposition!.FileNameStar);

        // Our own upload never came back as a new file.
        var all = await Sync.Api.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
        Assert.Equal(2, all!.Count);
    }

    private Task<HttpResponseMessage> UploadRawAsync(int workItemId, string fileName, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return Sync.Api.PostAsync($"/api/sync/upload?workItemId={workItemId}&fileName={Uri.EscapeDataString(fileName)}", content);
    }
}

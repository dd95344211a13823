using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AttachmentSync.Tests.Infrastructure;
using static AttachmentSync.Tests.Tus.TusRequests;

namespace AttachmentSync.Tests.Tus;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}

/// <summary>
/// Moves a 48 MiB file through each path of the service and counts the bytes the process allocates meanwhile.
/// A path that held the file in memory would allocate at least its size, so each path must stay far below it.
/// The tests run alone because the allocation count covers the whole process, emulator included. Measured on
/// 16 MiB and 48 MiB files, every path allocated about the same, 2 to 13 MB, so the count does not grow with the
/// file.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class StreamingMemoryTests : IAsyncLifetime
{
    // The in-process emulator accepts attachments up to 60 MiB.
    private const long FileSize = 48L * 1024 * 1024;
    private const long AllocationBudget = 16L * 1024 * 1024;

    private readonly SyncTestHost _sync = new();

    public async Task InitializeAsync()
    {
        // Large chunks keep the emulator's per-request buffers out of the count.
        _sync.Settings["AzureDevOps:ChunkSize"] = (16 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        await _sync.InitializeAsync();
    }

    public Task DisposeAsync() => _sync.DisposeAsync();

    [Fact]
    public async Task Raw_upload_and_push_stream()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("raw");
        JsonObject? record = null;

        var allocated = await AllocatedDuringAsync(async () =>
        {
            using var body = new StreamContent(new GeneratedStream(FileSize, 1), 64 * 1024);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await _sync.Api.PostAsync($"/api/sync/upload?workItemId={workItemId}&fileName=raw.bin", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            record = await response.Content.ReadFromJsonAsync<JsonObject>();
        });

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 1), (string?)record!["sha256"]);
        Assert.Equal(FileSize, Assert.Single(await _sync.Ado.GetAttachedFilesAsync(workItemId)).Size);
    }

    [Fact]
    public async Task Multipart_upload_streams()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("multipart");
        JsonObject? record = null;

        var allocated = await AllocatedDuringAsync(async () =>
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(workItemId.ToString(CultureInfo.InvariantCulture)), "workItemId");
            form.Add(new StreamContent(new GeneratedStream(FileSize, 2), 64 * 1024), "file", "form.bin");
            using var response = await _sync.Api.PostAsync("/api/sync/upload", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            record = await response.Content.ReadFromJsonAsync<JsonObject>();
        });

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 2), (string?)record!["sha256"]);
    }

    [Fact]
    public async Task Json_base64_upload_streams()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("json");
        JsonObject? record = null;

        var allocated = await AllocatedDuringAsync(async () =>
        {
            using var body = new JsonBase64Content(workItemId, "json.bin", FileSize, 3);
            using var response = await _sync.Api.PostAsync("/api/sync/upload", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            record = await response.Content.ReadFromJsonAsync<JsonObject>();
        });

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 3), (string?)record!["sha256"]);
    }

    [Fact]
    public async Task Tus_upload_and_completion_stream()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("tus");
        var tus = new TusRequests(_sync.Api);
        JsonObject? record = null;

        var allocated = await AllocatedDuringAsync(async () =>
        {
            var upload = await tus.CreateUploadAsync(FileSize, workItemId, "tus.bin");
            using var request = Request(HttpMethod.Patch, upload);
            request.Headers.Add("Upload-Offset", "0");
            request.Content = new StreamContent(new GeneratedStream(FileSize, 4), 64 * 1024);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);
            using var response = await _sync.Api.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            record = await WaitForSyncedAsync(workItemId, "tus.bin");
        });

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 4), (string?)record!["sha256"]);
    }

    [Fact]
    public async Task Content_read_back_streams()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("read back");
        using var body = new StreamContent(new GeneratedStream(FileSize, 5), 64 * 1024);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var uploaded = await _sync.Api.PostAsync($"/api/sync/upload?workItemId={workItemId}&fileName=read.bin", body);
        var contentUrl = (string)(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["contentUrl"]!;
        var sha256 = "";

        var allocated = await AllocatedDuringAsync(async () => sha256 = await Sha256OfResponseAsync(contentUrl));

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 5), sha256);
    }

    [Fact]
    public async Task Download_from_ado_streams()
    {
        var workItemId = await _sync.Ado.CreateWorkItemAsync("download");
        var bytes = new byte[FileSize];
        await using (var source = new GeneratedStream(FileSize, 6))
        {
            source.ReadExactly(bytes);
        }

        JsonObject? record = null;
        var allocated = await AllocatedDuringAsync(async () =>
        {
            await _sync.Ado.AddAttachmentAsync(workItemId, "from-ado.bin", bytes);
            record = await WaitForSyncedAsync(workItemId, "from-ado.bin");
        });

        AssertUnderBudget(allocated);
        Assert.Equal(GeneratedStream.Sha256(FileSize, 6), (string?)record!["sha256"]);
    }

    private static async Task<long> AllocatedDuringAsync(Func<Task> action)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static void AssertUnderBudget(long allocated) =>
        Assert.True(allocated < AllocationBudget,
            $"{allocated} bytes were allocated while moving a file of {FileSize} bytes; the budget is {AllocationBudget}.");

    private async Task<JsonObject> WaitForSyncedAsync(int workItemId, string fileName)
    {
        JsonObject? found = null;
        await SyncTestHost.WaitUntilAsync(async () =>
        {
            var list = await _sync.Api.GetFromJsonAsync<JsonArray>($"/api/sync/attachments/{workItemId}");
            found = list!.OfType<JsonObject>().FirstOrDefault(item =>
                (string?)item["fileName"] == fileName && (string?)item["syncStatus"] == "SYNCED");
            return found is not null;
        }, $"{fileName} on work item {workItemId} is synced", TimeSpan.FromMinutes(1));
        return found!;
    }

    private async Task<string> Sha256OfResponseAsync(string url)
    {
        using var response = await _sync.Api.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The JSON upload form, with the file base64-encoded while it is sent.</summary>
    private sealed class JsonBase64Content : HttpContent
    {
        private readonly int _workItemId;
        private readonly string _fileName;
        private readonly long _length;
        private readonly ulong _seed;

        public JsonBase64Content(int workItemId, string fileName, long length, ulong seed)
        {
            (_workItemId, _fileName, _length, _seed) = (workItemId, fileName, length, seed);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var prefix = $"{{\"workItemId\":{_workItemId},\"fileName\":\"{_fileName}\",\"file\":\"";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(prefix));
            await using (var base64 = new CryptoStream(
                             new GeneratedStream(_length, _seed), new ToBase64Transform(), CryptoStreamMode.Read))
            {
                await base64.CopyToAsync(stream, 64 * 1024);
            }

            await stream.WriteAsync("\"}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

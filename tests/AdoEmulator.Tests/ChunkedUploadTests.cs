using System.Net.Http.Headers;
using System.Security.Cryptography;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class ChunkedUploadTests
{
    [Fact]
    public async Task Start_returns_202_with_location()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await StartAsync(emulator, "large.zip");
        Assert.Equal(202, (int)response.StatusCode);
        var body = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal(body["url"]!.ToString(), response.Headers.Location!.ToString());
        Assert.EndsWith("?fileName=large.zip", body["url"]!.ToString());
    }

    [Fact]
    public async Task Chunks_return_202_then_201_and_bytes_match()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var data = RandomNumberGenerator.GetBytes(250_000);
        var id = await StartIdAsync(emulator);

        using var first = await SendChunkAsync(emulator, id, data, 0, 99_999, data.Length);
        using var second = await SendChunkAsync(emulator, id, data, 100_000, 199_999, data.Length);
        using var last = await SendChunkAsync(emulator, id, data, 200_000, 249_999, data.Length);

        Assert.Equal(202, (int)first.StatusCode);
        Assert.Equal(202, (int)second.StatusCode);
        Assert.Equal(201, (int)last.StatusCode);
        Assert.NotNull(last.Headers.Location);
        var body = await TestEmulator.ReadObjectAsync(last);
        Assert.Equal(id, body["id"]!.ToString());

        var downloaded = await emulator.Client.GetByteArrayAsync($"_apis/wit/attachments/{id}?{TestEmulator.Version}");
        Assert.Equal(data, downloaded);
    }

    [Fact]
    public async Task Download_before_last_chunk_returns_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var data = new byte[100];
        var id = await StartIdAsync(emulator);
        using var first = await SendChunkAsync(emulator, id, data, 0, 49, 100);
        using var response = await emulator.Client.GetAsync($"_apis/wit/attachments/{id}?{TestEmulator.Version}");
        await AdoAssert.ErrorAsync(response, 404, "AttachmentNotFoundException");
    }

    [Theory]
    [InlineData("bytes 0-9")]
    [InlineData("bytes 0-/10")]
    [InlineData("bytes -9/10")]
    [InlineData("bytes 0 - 9 / 10")]
    [InlineData("")]
    public async Task Incomplete_content_range_returns_400(string header)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await StartIdAsync(emulator);
        var request = ChunkRequest(id, new byte[10]);
        if (header.Length > 0)
        {
            request.Content!.Headers.TryAddWithoutValidation("Content-Range", header);
        }

        using var response = await emulator.Client.SendAsync(request);
        var body = await AdoAssert.ErrorAsync(response, 400, "ArgumentException");
        Assert.Contains("Content-Range", body["message"]!.ToString());
    }

    [Fact]
    public async Task Range_length_differing_from_body_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await StartIdAsync(emulator);
        var request = ChunkRequest(id, new byte[10]);
        request.Content!.Headers.ContentRange = new ContentRangeHeaderValue(0, 19, 100);
        using var response = await emulator.Client.SendAsync(request);
        await AdoAssert.ErrorAsync(response, 400, "ArgumentException");
    }

    [Fact]
    public async Task Nonzero_offset_before_data_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await StartIdAsync(emulator);
        using var response = await SendChunkAsync(emulator, id, new byte[100], 50, 99, 100);
        await AdoAssert.ErrorAsync(response, 400, "WorkItemAttachmentIncorrectOffsetException");
    }

    [Fact]
    public async Task Gap_between_chunks_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var data = new byte[100];
        var id = await StartIdAsync(emulator);
        using var first = await SendChunkAsync(emulator, id, data, 0, 29, 100);
        using var gap = await SendChunkAsync(emulator, id, data, 40, 69, 100);
        await AdoAssert.ErrorAsync(gap, 400, "WorkItemAttachmentIncorrectOffsetException");
    }

    [Fact]
    public async Task Offset_zero_restarts_the_file()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var data = RandomNumberGenerator.GetBytes(60);
        var id = await StartIdAsync(emulator);
        using var stale = await SendChunkAsync(emulator, id, new byte[60], 0, 29, 60);
        using var first = await SendChunkAsync(emulator, id, data, 0, 29, 60);
        using var last = await SendChunkAsync(emulator, id, data, 30, 59, 60);
        Assert.Equal(201, (int)last.StatusCode);
        Assert.True(emulator.Host.TryOpenAttachmentContent(Guid.Parse(id), out var content));
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
    }

    [Fact]
    public async Task Total_over_limit_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentSize = 1000);
        var id = await StartIdAsync(emulator);
        using var response = await SendChunkAsync(emulator, id, new byte[10], 0, 9, 1001);
        await AdoAssert.ErrorAsync(response, 400, "WorkItemAttachmentExceedsMaxSizeException");
    }

    [Fact]
    public async Task Chunk_for_unknown_id_returns_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await SendChunkAsync(emulator, Guid.NewGuid().ToString(), new byte[10], 0, 9, 10);
        await AdoAssert.ErrorAsync(response, 404, "AttachmentNotFoundException");
    }

    private static Task<HttpResponseMessage> StartAsync(TestEmulator emulator, string fileName) =>
        emulator.Client.PostAsync($"Demo/_apis/wit/attachments?uploadType=Chunked&fileName={fileName}&{TestEmulator.Version}", null);

    private static async Task<string> StartIdAsync(TestEmulator emulator)
    {
        using var response = await StartAsync(emulator, "file.bin");
        return (await TestEmulator.ReadObjectAsync(response))["id"]!.ToString();
    }

    private static HttpRequestMessage ChunkRequest(string id, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new HttpRequestMessage(HttpMethod.Put, $"Demo/_apis/wit/attachments/{id}?uploadType=Chunked&{TestEmulator.Version}")
        {
            Content = content,
        };
    }

    private static Task<HttpResponseMessage> SendChunkAsync(TestEmulator emulator, string id, byte[] data, long from, long to, long total)
    {
        var request = ChunkRequest(id, data[(int)from..(int)(to + 1)]);
        request.Content!.Headers.ContentRange = new ContentRangeHeaderValue(from, to, total);
        return emulator.Client.SendAsync(request);
    }
}

using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class AttachmentDownloadTests
{
    [Theory]
    [InlineData("photo.png", "false", "image/png", null)]
    [InlineData("photo.png", "true", "image/png", "attachment")]
    [InlineData("report.pdf", "false", "application/pdf", null)]
    [InlineData("drawing.svg", "false", "application/octet-stream", "attachment")]
    [InlineData("notes.txt", "false", "application/octet-stream", "attachment")]
    public async Task Download_sets_type_and_disposition(string fileName, string download, string type, string? disposition)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reference = await emulator.UploadAsync("stored.bin", [1, 2, 3]);
        using var response = await emulator.Client.GetAsync(
            $"_apis/wit/attachments/{reference["id"]}?fileName={fileName}&download={download}&{TestEmulator.Version}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(disposition, response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_without_file_name_is_octet_stream()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reference = await emulator.UploadAsync("stored.png", [9]);
        using var response = await emulator.Client.GetAsync($"_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Unknown_attachment_returns_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.Client.GetAsync($"_apis/wit/attachments/{Guid.NewGuid()}?{TestEmulator.Version}");
        await AdoAssert.ErrorAsync(response, 404, "AttachmentNotFoundException");
    }

    [Fact]
    public async Task Gzip_is_never_applied()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var data = new byte[50_000];
        var reference = await emulator.UploadAsync("zeros.bin", data);
        var request = new HttpRequestMessage(HttpMethod.Get, $"_apis/wit/attachments/{reference["id"]}?{TestEmulator.Version}");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await emulator.Client.SendAsync(request);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(data.Length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Large_file_streams_with_flat_memory()
    {
        const long size = 256L * 1024 * 1024;
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentSize = size);
        using var body = new StreamContent(new PatternStream(size));
        body.Headers.ContentType = new("application/octet-stream");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var upload = await emulator.Client.PostAsync($"Demo/_apis/wit/attachments?fileName=big.bin&{TestEmulator.Version}", body);
        Assert.Equal(201, (int)upload.StatusCode);
        var id = (await TestEmulator.ReadObjectAsync(upload))["id"]!.ToString();

        using var response = await emulator.Client.GetAsync(
            $"_apis/wit/attachments/{id}?{TestEmulator.Version}", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var expected = new PatternStream(size);
        var buffer = new byte[81920];
        var check = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            expected.ReadExactly(check, 0, read);
            Assert.True(buffer.AsSpan(0, read).SequenceEqual(check.AsSpan(0, read)), $"bytes differ near offset {total}");
            total += read;
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(size, total);
        Assert.True(growth < 64L * 1024 * 1024, $"managed memory grew by {growth} bytes for a {size}-byte file");
    }

    /// <summary>A read-only stream of a repeating byte pattern, so big bodies need no memory.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (byte)((_position + i) % 251);
            }

            _position += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Net.Http.Headers;
using AdoEmulator.Tests.Support;

namespace AdoEmulator.Tests;

public sealed class AttachmentUploadTests
{
    [Fact]
    public async Task Simple_upload_returns_201_with_project_scoped_url()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reference = await emulator.UploadAsync("notes.txt", "hello"u8.ToArray());
        var id = reference["id"]!.ToString();
        Assert.Equal($"{emulator.Host.OrganizationUrl}/{emulator.Host.ProjectId}/_apis/wit/attachments/{id}?fileName=notes.txt", reference["url"]!.ToString());
        Assert.True(emulator.Host.TryOpenAttachmentContent(Guid.Parse(id), out var content));
        await using (content)
        {
            Assert.Equal("hello", await new StreamReader(content).ReadToEndAsync());
        }
    }

    [Fact]
    public async Task Collection_level_upload_returns_collection_url()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var body = new ByteArrayContent([1, 2, 3]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await emulator.Client.PostAsync("_apis/wit/attachments?fileName=a.bin&api-version=7.1", body);
        var reference = await TestEmulator.ReadObjectAsync(response);
        Assert.Equal($"{emulator.Host.OrganizationUrl}/_apis/wit/attachments/{reference["id"]}?fileName=a.bin", reference["url"]!.ToString());
    }

    [Fact]
    public async Task Old_api_version_returns_collection_url()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var body = new ByteArrayContent([1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await emulator.Client.PostAsync("Demo/_apis/wit/attachments?fileName=a.bin&api-version=4.1", body);
        var reference = await TestEmulator.ReadObjectAsync(response);
        Assert.StartsWith($"{emulator.Host.OrganizationUrl}/_apis/wit/attachments/", reference["url"]!.ToString());
    }

    [Fact]
    public async Task Upload_with_json_content_type_returns_415()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.PostJsonAsync("Demo/_apis/wit/attachments?fileName=a.txt&api-version=7.1", "{}");
        await AdoAssert.ErrorAsync(response, 415, "VssRequestContentTypeNotSupportedException");
    }

    [Fact]
    public async Task Unknown_upload_type_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var body = new ByteArrayContent([1]);
        using var response = await emulator.Client.PostAsync("Demo/_apis/wit/attachments?uploadType=Streamed&api-version=7.1", body);
        await AdoAssert.ErrorAsync(response, 400, "VssPropertyValidationException");
    }

    [Fact]
    public async Task Simple_upload_over_limit_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentSize = 1000);
        using var body = new ByteArrayContent(new byte[1001]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await emulator.Client.PostAsync("Demo/_apis/wit/attachments?fileName=big.bin&api-version=7.1", body);
        await AdoAssert.ErrorAsync(response, 400, "WorkItemAttachmentExceedsMaxSizeException");
    }

    [Fact]
    public async Task Upload_at_exact_limit_is_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentSize = 1000);
        await emulator.UploadAsync("exact.bin", new byte[1000]);
    }

    [Fact]
    public async Task Streamed_upload_without_length_over_limit_returns_400()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxAttachmentSize = 100_000);
        using var body = new StreamContent(new UnknownLengthStream(new MemoryStream(new byte[200_000])));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await emulator.Client.PostAsync("Demo/_apis/wit/attachments?fileName=big.bin&api-version=7.1", body);
        await AdoAssert.ErrorAsync(response, 400, "WorkItemAttachmentExceedsMaxSizeException");
    }

    [Fact]
    public async Task Upload_bytes_are_counted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.UploadAsync("a.bin", new byte[1234]);
        Assert.Equal(1234, emulator.Host.Counters.AttachmentBytesReceived);
        Assert.Equal(1, emulator.Host.Counters.Count("POST", "attachments.create"));
    }

    /// <summary>A stream that hides its length, so HttpClient sends it with chunked transfer encoding.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

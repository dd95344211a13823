using System.Buffers.Text;
using System.Diagnostics;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Uploads;
using Xunit.Abstractions;

namespace AttachmentSync.Core.Tests.Uploads;

/// <summary>Runs measurements alone, so other tests do not add to the allocation and time figures.</summary>
[CollectionDefinition(nameof(MeasurementCollection), DisableParallelization = true)]
public sealed class MeasurementCollection;

[Collection(nameof(MeasurementCollection))]
public sealed class MeasurementTests(ITestOutputHelper output)
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Large_upload_allocates_little()
    {
        using var store = new TempContentStore();
        await UploadAsync(store.Store, Megabyte);
        using var body = new GeneratedUploadStream(256 * Megabyte, seed: 3);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var result = await JsonBase64UploadReader.ReadAsync(body, store.Store, long.MaxValue, CancellationToken.None);
        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        output.WriteLine($"256 MiB file: {allocated / 1024} KiB allocated, {stopwatch.ElapsedMilliseconds} ms "
            + $"with hashing, generation and the disk write");
        Assert.Equal(256 * Megabyte, result.Content.Length);
        Assert.Equal(body.Sha256, result.Content.Sha256);
        Assert.True(allocated < 16 * Megabyte, $"{allocated} bytes allocated");
    }

    [Fact]
    public async Task Decoding_keeps_pace_with_convert()
    {
        var file = UploadBodies.RandomFile((int)(64 * Megabyte));
        var body = UploadBodies.Body(file);
        var base64 = Convert.ToBase64String(file);
        var sink = new CountingContentStore();
        await JsonBase64UploadReader.ReadAsync(new MemoryStream(body), sink, long.MaxValue, CancellationToken.None);
        Convert.FromBase64String(base64);

        var streaming = Stopwatch.StartNew();
        await JsonBase64UploadReader.ReadAsync(new MemoryStream(body), sink, long.MaxValue, CancellationToken.None);
        streaming.Stop();
        var whole = Stopwatch.StartNew();
        var decoded = Convert.FromBase64String(base64);
        whole.Stop();
        var utf8 = Stopwatch.StartNew();
        Base64.DecodeFromUtf8(body.AsSpan(9, base64.Length), file, out _, out _);
        utf8.Stop();

        output.WriteLine($"64 MiB file: streaming reader {streaming.ElapsedMilliseconds} ms, "
            + $"Convert.FromBase64String {whole.ElapsedMilliseconds} ms, "
            + $"Base64.DecodeFromUtf8 on the whole body {utf8.ElapsedMilliseconds} ms");
        Assert.Equal(file.Length, decoded.Length);
        Assert.Equal(file.Length, sink.LastLength);
        // The bound is loose because other processes share the machine.
        Assert.True(streaming.Elapsed < (whole.Elapsed * 5) + TimeSpan.FromMilliseconds(200),
            $"{streaming.ElapsedMilliseconds} ms against {whole.ElapsedMilliseconds} ms");
    }

    private static Task<JsonUploadResult> UploadAsync(IContentStore store, long fileBytes) =>
        JsonBase64UploadReader.ReadAsync(new GeneratedUploadStream(fileBytes, seed: 1), store, long.MaxValue,
            CancellationToken.None);

    /// <summary>Reads the content to the end without hashing or storing it, to time decoding alone.</summary>
    private sealed class CountingContentStore : IContentStore
    {
        private readonly byte[] _buffer = new byte[1024 * 1024];

        public long LastLength { get; private set; }

        public async Task<StoredContent> WriteAsync(Stream content, long maxLength, CancellationToken cancellationToken)
        {
            long length = 0;
            int read;
            while ((read = await content.ReadAsync(_buffer, cancellationToken)) > 0)
            {
                length += read;
            }

            LastLength = length;
            return new StoredContent(new string('0', 64), length);
        }

        public Task<StoredContent> ImportFileAsync(string path, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public bool Exists(string sha256) => false;

        public Stream? OpenRead(string sha256) => null;

        public Task DeleteAsync(string sha256, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using System.Security.Cryptography;
using AttachmentSync.Core.Content;
using AttachmentSync.Core.Tests.Uploads;

namespace AttachmentSync.Core.Tests.Content;

/// <summary>The content store's copy loop: two alternating buffers, hashing off the reading thread, writeback.</summary>
public sealed class ContentStoreCopyTests : IDisposable
{
    private readonly TempContentStore _store = new();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 4096)]
    [InlineData(1024 * 1024, 1024 * 1024)]
    [InlineData(2 * 1024 * 1024 + 17, 7000)]
    [InlineData(40 * 1024 * 1024 + 3, 65536)]
    public async Task Write_stores_and_hashes_every_byte(int size, int maxRead)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);

        var stored = await _store.Store.WriteAsync(new TricklingStream(bytes, maxRead), long.MaxValue, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(size, stored.Length);
        var published = Assert.Single(_store.PublishedFiles());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(published));
        Assert.Empty(_store.TempFiles());
    }

    [Fact]
    public async Task Failed_read_publishes_nothing()
    {
        var source = new TricklingStream(RandomNumberGenerator.GetBytes(5 * 1024 * 1024), 65536, failAfter: 3 * 1024 * 1024);

        await Assert.ThrowsAsync<IOException>(() => _store.Store.WriteAsync(source, long.MaxValue, CancellationToken.None));

        Assert.Empty(_store.PublishedFiles());
        Assert.Empty(_store.TempFiles());
    }

    [Fact]
    public async Task Over_limit_publishes_nothing()
    {
        var source = new TricklingStream(RandomNumberGenerator.GetBytes(3 * 1024 * 1024), 65536);

        await Assert.ThrowsAsync<ContentTooLargeException>(() => _store.Store.WriteAsync(source, 2 * 1024 * 1024, CancellationToken.None));

        Assert.Empty(_store.PublishedFiles());
        Assert.Empty(_store.TempFiles());
    }

    /// <summary>A read-only stream that returns at most a given number of bytes per read, and can fail midway.</summary>
    private sealed class TricklingStream(byte[] data, int maxRead, long failAfter = long.MaxValue) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The connection was reset.");
            }

            var count = (int)Math.Min(Math.Min(buffer.Length, maxRead), data.Length - _position);
            data.AsSpan((int)_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

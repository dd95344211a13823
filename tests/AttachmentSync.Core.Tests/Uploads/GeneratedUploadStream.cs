using System.Buffers.Text;
using System.Security.Cryptography;

namespace AttachmentSync.Core.Tests.Uploads;

/// <summary>
/// Produces <c>{"fileName":"a","workItemId":1,"file":"&lt;base64&gt;"}</c> for a file of pseudo-random bytes,
/// generated block by block so that neither the file nor its base64 text is ever held in memory.
/// </summary>
internal sealed class GeneratedUploadStream : Stream
{
    // A multiple of 3, so only the last block of the file needs padding.
    private const int RawBlockSize = 48 * 1024;

    private static readonly byte[] Prefix = "{\"fileName\":\"a\",\"workItemId\":1,\"file\":\""u8.ToArray();
    private static readonly byte[] Suffix = "\"}"u8.ToArray();

    private readonly byte[] _raw = new byte[RawBlockSize];
    private readonly byte[] _encoded = new byte[RawBlockSize / 3 * 4];
    private readonly Random _random;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _fileBytes;
    private long _generated;
    private ReadOnlyMemory<byte> _current = Prefix;
    private bool _finished;

    public GeneratedUploadStream(long fileBytes, int seed)
    {
        _fileBytes = fileBytes;
        _random = new Random(seed);
    }

    /// <summary>The SHA-256 of the generated file, available once the stream has been read to the end.</summary>
    public string? Sha256 { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_current.IsEmpty && !_finished)
        {
            NextBlock();
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current.Span[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    private void NextBlock()
    {
        if (_generated < _fileBytes)
        {
            var length = (int)Math.Min(RawBlockSize, _fileBytes - _generated);
            _random.NextBytes(_raw.AsSpan(0, length));
            _hash.AppendData(_raw, 0, length);
            Base64.EncodeToUtf8(_raw.AsSpan(0, length), _encoded, out _, out var written);
            _generated += length;
            _current = _encoded.AsMemory(0, written);
            return;
        }

        if (Sha256 is null)
        {
            Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
            _current = Suffix;
            return;
        }

        _finished = true;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _hash.Dispose();
        base.Dispose(disposing);
    }
}

using System.Buffers;

namespace AttachmentSync.Core.Uploads;

/// <summary>
/// A window over the body stream, filled in reads of up to 64 KiB, that tracks the body offset for error messages.
/// </summary>
internal sealed class UploadBodyBuffer(Stream body) : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfBody;

    /// <summary>The bytes read from the body and not yet consumed.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The body offset of the first available byte.</summary>
    public long Offset => _bufferOffset + _start;

    public void Advance(int count) => _start += count;

    /// <summary>
    /// Reads more of the body after the available bytes. Returns false when the body has ended.
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfBody)
        {
            return false;
        }

        Compact();

        var read = await body.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _endOfBody = read == 0;
        return read > 0;
    }

    /// <summary>
    /// Reads until at least <paramref name="count"/> bytes are available. Returns false when the body ends first.
    /// </summary>
    public async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Compact()
    {
        // Callers fill only when at most a few bytes are left, so the move is short.
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _bufferOffset += _start;
        _end -= _start;
        _start = 0;
    }
}

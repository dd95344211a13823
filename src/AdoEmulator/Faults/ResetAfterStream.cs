namespace AdoEmulator.Faults;

/// <summary>
/// Response body wrapper that passes through a set number of bytes, flushes them and then aborts the connection,
/// so the client sees a reset in the middle of the body.
/// </summary>
internal sealed class ResetAfterStream(Stream inner, long allowed, HttpContext context) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = allowed - _written;
        if (left <= 0)
        {
            context.Abort();
            throw new OperationCanceledException("The connection was reset by a fault rule.");
        }

        var part = buffer.Length <= left ? buffer : buffer[..(int)left];
        await inner.WriteAsync(part, cancellationToken);
        _written += part.Length;
        if (part.Length < buffer.Length)
        {
            await inner.FlushAsync(cancellationToken);
            context.Abort();
            throw new OperationCanceledException("The connection was reset by a fault rule.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

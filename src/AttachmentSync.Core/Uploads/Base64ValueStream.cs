namespace AttachmentSync.Core.Uploads;

/// <summary>
/// A read-only stream of the bytes decoded from the "file" value. Before it reports the end of the content, it
/// reads and checks the rest of the body. So whenever the body is invalid, the content store gets an exception
/// from a read instead of the end of the stream, and publishes nothing.
/// </summary>
internal sealed class Base64ValueStream(UploadBodyBuffer body, UploadBodyParser parser) : Stream
{
    private readonly Base64ValueDecoder _decoder = new();
    private bool _restRead;

    /// <summary>True once the whole value has been returned and the rest of the body has been checked.</summary>
    public bool IsComplete => _restRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _restRead)
        {
            return 0;
        }

        while (!_decoder.IsComplete)
        {
            var written = _decoder.Decode(body, buffer.Span);
            if (written > 0)
            {
                return written;
            }

            var required = _decoder.RequiredBytes;
            if (required > 0 && !await body.EnsureAsync(required, cancellationToken))
            {
                throw UploadErrors.UnexpectedEnd(UploadBodyParser.FileProperty, body.Offset + body.Available.Length,
                    "the closing '\"' of the base64 string");
            }
        }

        await parser.ReadRestAsync(cancellationToken);
        _restRead = true;
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The body is read asynchronously only, as ASP.NET Core requires by default.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The decoded file content supports only asynchronous reads.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

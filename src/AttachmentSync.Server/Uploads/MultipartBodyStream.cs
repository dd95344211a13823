using AttachmentSync.Core.Uploads;

namespace AttachmentSync.Server.Uploads;

/// <summary>
/// Wraps the request body, or a multipart section's body, and turns the errors of a malformed or truncated
/// multipart body into <see cref="UploadFormatException"/> (400). Errors of the connection itself, such
/// as a body over Kestrel's size limit (<see cref="BadHttpRequestException"/>), pass through unchanged.
/// </summary>
internal sealed class MultipartBodyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static UploadFormatException Malformed(Exception exception) =>
        new("body", "The multipart body is malformed or truncated", exception.Message,
            "a complete multipart/form-data body", exception);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw Malformed(exception);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Malformed(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

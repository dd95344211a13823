using System.Buffers;

namespace AttachmentSync.Server.Webhooks;

/// <summary>
/// A request body read into a pooled buffer that starts at the announced length (or 16 KiB) and doubles only
/// as the bytes arrive, so a small delivery never rents a buffer the size of the limit.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer;

    private PooledBody(byte[] buffer, int length, bool tooLarge)
    {
        _buffer = buffer;
        Length = length;
        TooLarge = tooLarge;
    }

    public int Length { get; }

    /// <summary>Whether the body was longer than the limit; the bytes read so far are then incomplete.</summary>
    public bool TooLarge { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<PooledBody> ReadAsync(Stream body, int limit, long? announcedLength, CancellationToken cancellationToken)
    {
        var size = (int)Math.Min(limit + 1L, Math.Max(announcedLength + 1 ?? InitialSize, 1));
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return new PooledBody(buffer, length, tooLarge: true);
                }

                buffer = Grow(buffer, length, limit + 1);
            }

            var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken);
            if (read == 0)
            {
                return new PooledBody(buffer, length, tooLarge: false);
            }

            length += read;
            if (length > limit)
            {
                return new PooledBody(buffer, length, tooLarge: true);
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static byte[] Grow(byte[] buffer, int length, int cap)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}

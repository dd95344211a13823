using System.Buffers;
using System.Security.Cryptography;

namespace AttachmentSync.Tus.Storage.Disk;

/// <summary>
/// Copies one request body into an upload's data file, a buffer at a time.
/// </summary>
internal static class DiskChunkWriter
{
    private const int BufferSize = 81920;

    /// <summary>Bytes written between two checkpoints of a long request body.</summary>
    public const long CheckpointBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/>, dropping any bytes already past that offset.
    /// </summary>
    /// <remarks>
    /// A failed or cancelled read ends the copy and is reported as <see cref="DiskChunk.Interrupted"/>. Writes and
    /// the final flush use <see cref="CancellationToken.None"/> so the bytes that did arrive reach the disk.
    /// Every <see cref="CheckpointBytes"/>, the file is flushed and <paramref name="checkpoint"/> is called with the
    /// bytes written so far, so a process that stops mid-request loses at most that much.
    /// </remarks>
    public static async Task<DiskChunk> WriteAsync(
        string path,
        long offset,
        long maxBytes,
        Stream data,
        IncrementalHash? hash,
        Func<long, Task>? checkpoint,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        long checkpointed = 0;
        var interrupted = false;
        var exceeded = false;

        try
        {
            await using var file = new FileStream(
                path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);

            // Bytes past the persisted offset come from a write whose offset was never persisted.
            file.SetLength(offset);
            file.Position = offset;

            while (true)
            {
                int read;
                try
                {
                    read = await data.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException)
                {
                    interrupted = true;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                if (written + read > maxBytes)
                {
                    exceeded = true;
                    break;
                }

                hash?.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                written += read;

                if (checkpoint is not null && written - checkpointed >= CheckpointBytes)
                {
                    file.Flush(flushToDisk: true);
                    await checkpoint(written);
                    checkpointed = written;
                }
            }

            await file.FlushAsync(CancellationToken.None);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new DiskChunk(written, interrupted, exceeded);
    }

    /// <summary>Cuts the data file back to <paramref name="length"/> bytes.</summary>
    public static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        file.SetLength(length);
        file.Flush(flushToDisk: true);
    }
}

/// <summary>
/// Bytes written by one chunk copy, and how the copy ended.
/// </summary>
/// <param name="Written">Bytes written at the requested offset.</param>
/// <param name="Interrupted">True when reading the body failed before its end.</param>
/// <param name="Exceeded">True when the body was longer than the bytes left in the upload.</param>
internal sealed record DiskChunk(long Written, bool Interrupted, bool Exceeded);

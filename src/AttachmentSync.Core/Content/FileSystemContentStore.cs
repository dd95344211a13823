using System.Buffers;
using System.Security.Cryptography;

namespace AttachmentSync.Core.Content;

/// <summary>
/// Stores content under <c>{root}/{sha[0..2]}/{sha[2..4]}/{sha}</c>. Writes go to a temp file in the same
/// volume, are flushed to disk, and are renamed into place, so a reader never sees a partial file.
/// </summary>
public sealed class FileSystemContentStore : IContentStore
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>Bytes written to a temp file between two starts of its writeback to disk.</summary>
    private const long WritebackBytes = 16L * 1024 * 1024;

    private readonly string _root;
    private readonly string _tempDirectory;

    public FileSystemContentStore(string root)
    {
        _root = Path.GetFullPath(root);
        _tempDirectory = Path.Combine(_root, ".tmp");
        Directory.CreateDirectory(_tempDirectory);
        DeleteOrphanedTempFiles();
    }

    public async Task<StoredContent> WriteAsync(Stream content, long maxLength, CancellationToken cancellationToken)
    {
        var tempPath = NewTempPath();
        try
        {
            string sha256;
            long length;
            await using (var file = CreateTempFile(tempPath))
            {
                (sha256, length) = await CopyAndHashAsync(content, file, maxLength, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            return PublishTempFile(tempPath, sha256, length);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    public async Task<StoredContent> ImportFileAsync(string path, CancellationToken cancellationToken)
    {
        string sha256;
        long length;
        await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
                         FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            (sha256, length) = await CopyAndHashAsync(source, Stream.Null, long.MaxValue, cancellationToken);
        }

        var target = PathFor(sha256);
        if (File.Exists(target))
        {
            File.Delete(path);
            return new StoredContent(sha256, length);
        }

        var tempPath = NewTempPath();
        File.Move(path, tempPath);
        return PublishTempFile(tempPath, sha256, length);
    }

    public bool Exists(string sha256) => File.Exists(PathFor(sha256));

    public Stream? OpenRead(string sha256)
    {
        try
        {
            return new FileStream(PathFor(sha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        File.Delete(PathFor(sha256));
        return Task.CompletedTask;
    }

    private string PathFor(string sha256)
    {
        if (!ContentHash.IsValid(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a lower-case hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>
    /// Deletes temp files last written before this process started: a process killed mid-write leaves them,
    /// and no writer of this process can own them. The store belongs to one service process at a time.
    /// </summary>
    private void DeleteOrphanedTempFiles()
    {
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        foreach (var file in new DirectoryInfo(_tempDirectory).EnumerateFiles("*.part"))
        {
            if (file.LastWriteTimeUtc < started)
            {
                file.Delete();
            }
        }
    }

    private string NewTempPath() => Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N") + ".part");

    private static FileStream CreateTempFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);

    private StoredContent PublishTempFile(string tempPath, string sha256, long length)
    {
        var target = PathFor(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(tempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another writer stored the same content first; its file has the same bytes.
        }

        return new StoredContent(sha256, length);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> and hashes it. Two buffers alternate:
    /// while one is hashed and written on a thread-pool thread, the next is read, so with two or more cores the
    /// SHA-256 work overlaps the network read.
    /// </summary>
    private static async Task<(string Sha256, long Length)> CopyAndHashAsync(
        Stream source, Stream destination, long maxLength, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        var consumer = new HashingWriter(hash, destination);
        var pending = Task.CompletedTask;
        try
        {
            long length = 0;
            for (var current = 0; ; current ^= 1)
            {
                // The pending task uses the other buffer, so this read may overwrite buffers[current].
                var read = await source.ReadAtLeastAsync(
                    buffers[current].AsMemory(0, BufferSize), BufferSize, throwOnEndOfStream: false, cancellationToken);
                await pending;
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxLength)
                {
                    throw new ContentTooLargeException(maxLength);
                }

                var chunk = new ReadOnlyMemory<byte>(buffers[current], 0, read);
                pending = Task.Run(() => consumer.ConsumeAsync(chunk, cancellationToken), cancellationToken);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            // A failed read must not return a buffer that the pending task still reads.
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>The hash and the destination of one copy, fed one chunk at a time, in order.</summary>
    private sealed class HashingWriter(IncrementalHash hash, Stream destination)
    {
        private long _written;
        private long _writebackStart;

        public async Task ConsumeAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
        {
            hash.AppendData(chunk.Span);
            await destination.WriteAsync(chunk, cancellationToken);
            _written += chunk.Length;
            if (destination is FileStream file && _written - _writebackStart >= WritebackBytes)
            {
                await file.FlushAsync(cancellationToken);
                Writeback.Start(file.SafeFileHandle, _writebackStart, _written - _writebackStart);
                _writebackStart = _written;
            }
        }
    }
}

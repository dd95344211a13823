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

    private static async Task<(string Sha256, long Length)> CopyAndHashAsync(
        Stream source, Stream destination, long maxLength, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxLength)
                {
                    throw new ContentTooLargeException(maxLength);
                }

                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

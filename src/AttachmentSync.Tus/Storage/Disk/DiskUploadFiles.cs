using System.Text.Json;
using AttachmentSync.Tus.Protocol;

namespace AttachmentSync.Tus.Storage.Disk;

/// <summary>
/// Layout of the store directory: <c>{id}.bin</c> holds an upload's bytes and <c>{id}.info.json</c> its state.
/// </summary>
/// <remarks>
/// The info file is replaced atomically (written to a temporary file, flushed, renamed), so a reader sees either
/// the old or the new state. An upload exists while its info file exists.
/// </remarks>
internal sealed class DiskUploadFiles
{
    private const string InfoSuffix = ".info.json";
    private readonly string directory;

    public DiskUploadFiles(string directory)
    {
        this.directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(this.directory);
    }

    public string DataPath(string uploadId) => Path.Combine(directory, uploadId + ".bin");

    public string InfoPath(string uploadId) => Path.Combine(directory, uploadId + InfoSuffix);

    public async Task<TusUpload?> ReadInfoAsync(string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(
                InfoPath(uploadId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

            return await JsonSerializer.DeserializeAsync(stream, TusJsonContext.Default.TusUpload, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteInfoAsync(TusUpload upload, CancellationToken cancellationToken)
    {
        var target = InfoPath(upload.Id);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";

        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(
                    stream, upload, TusJsonContext.Default.TusUpload, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public void CreateDataFile(string uploadId)
    {
        using var _ = new FileStream(DataPath(uploadId), FileMode.CreateNew, FileAccess.Write);
    }

    /// <summary>Deletes the info file first, so the upload stops existing before its bytes go.</summary>
    public void Delete(string uploadId)
    {
        File.Delete(InfoPath(uploadId));
        File.Delete(DataPath(uploadId));
    }

    public IEnumerable<string> EnumerateUploadIds()
    {
        foreach (var path in Directory.EnumerateFiles(directory, "*" + InfoSuffix))
        {
            var id = Path.GetFileName(path)[..^InfoSuffix.Length];
            if (TusUploadId.IsValid(id))
            {
                yield return id;
            }
        }
    }
}

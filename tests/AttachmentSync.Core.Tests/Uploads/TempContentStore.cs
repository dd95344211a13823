using AttachmentSync.Core.Content;

namespace AttachmentSync.Core.Tests.Uploads;

/// <summary>A <see cref="FileSystemContentStore"/> in a fresh temp directory, deleted on dispose.</summary>
internal sealed class TempContentStore : IDisposable
{
    public TempContentStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "upload-reader-tests-" + Guid.NewGuid().ToString("N"));
        Store = new FileSystemContentStore(Root);
    }

    public string Root { get; }

    public FileSystemContentStore Store { get; }

    /// <summary>Files published under their hash, outside the temp directory.</summary>
    public string[] PublishedFiles() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => !path.StartsWith(Path.Combine(Root, ".tmp"), StringComparison.Ordinal))
            .ToArray();

    /// <summary>Temp files the store has not deleted.</summary>
    public string[] TempFiles() => Directory.GetFiles(Path.Combine(Root, ".tmp"));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

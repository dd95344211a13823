namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>Looks at the service's content store on disk.</summary>
public static class StoreFiles
{
    /// <summary>Lists the published content files (the store's hash-named files, without temp or upload folders).</summary>
    public static List<string> Published(string storePath) =>
        Directory.Exists(storePath)
            ? Directory.EnumerateFiles(storePath, "*", SearchOption.AllDirectories)
                .Where(path => !Path.GetRelativePath(storePath, path).StartsWith('.'))
                .ToList()
            : [];

    /// <summary>Lists the temp files of writes in progress (or left by a killed process).</summary>
    public static List<string> Temporary(string storePath)
    {
        var directory = Path.Combine(storePath, ".tmp");
        return Directory.Exists(directory) ? Directory.EnumerateFiles(directory).ToList() : [];
    }
}

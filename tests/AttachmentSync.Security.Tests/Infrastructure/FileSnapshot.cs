namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>The files under a directory at one moment, as paths relative to it.</summary>
public static class FileSnapshot
{
    public static HashSet<string> Take(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Select(path => Path.GetRelativePath(root, path))
                .ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>Finds files and folders under <paramref name="root"/> whose name contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> FindNamed(string root, string marker) =>
        Directory.Exists(root)
            ? Directory.EnumerateFileSystemEntries(root, $"*{marker}*",
                    new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
                .ToList()
            : [];
}

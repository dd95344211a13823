namespace AttachmentSync.Tests.Infrastructure;

/// <summary>Locates files of this repository (fixtures live under <c>tests/fixtures</c>).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(params string[] parts) =>
        Path.Combine([Root, "tests", "fixtures", .. parts]);

    public static IEnumerable<string> RealFiles() =>
        Directory.EnumerateFiles(Fixture("real-files")).Where(path => !path.EndsWith("README.md", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AttachmentSync.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AttachmentSync.slnx above {AppContext.BaseDirectory}.");
    }
}

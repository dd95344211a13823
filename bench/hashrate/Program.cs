using System.Diagnostics;
using System.Globalization;
using AttachmentSync.Core.Content;

// Usage: HashRate FILE STORE_DIRECTORY
// Imports FILE into a FileSystemContentStore at STORE_DIRECTORY with ImportFileAsync, which reads the file
// through the store's copy-and-hash loop (into Stream.Null) and then moves it into place, so FILE is gone
// afterwards: pass a hard link. Prints "bytes seconds sha256" for the import alone.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: HashRate FILE STORE_DIRECTORY");
    return 2;
}

var store = new FileSystemContentStore(args[1]);
var stopwatch = Stopwatch.StartNew();
var stored = await store.ImportFileAsync(args[0], CancellationToken.None);
stopwatch.Stop();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{stored.Length} {stopwatch.Elapsed.TotalSeconds:F3} {stored.Sha256}"));
return 0;

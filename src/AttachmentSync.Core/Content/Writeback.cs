using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AttachmentSync.Core.Content;

/// <summary>
/// Starts the kernel's writeback of a file range without waiting for it: Linux <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>. A long write that calls it as it goes leaves little for the <c>fsync</c> that
/// ends it. On other systems, and when the call fails, nothing happens and the final <c>fsync</c> does all the work.
/// </summary>
internal static partial class Writeback
{
    private const uint SyncFileRangeWrite = 2;

    public static void Start(SafeFileHandle handle, long offset, long count)
    {
        if (!OperatingSystem.IsLinux() || count <= 0)
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = SyncFileRange((int)handle.DangerousGetHandle(), offset, count, SyncFileRangeWrite);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without the call: the final fsync still makes the file durable.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);
}

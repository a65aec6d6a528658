using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>
/// Drops a file's pages from the Linux page cache, so a read probe measures flash and not DRAM.
/// <c>posix_fadvise(POSIX_FADV_DONTNEED)</c> evicts clean pages without root (unlike
/// <c>/proc/sys/vm/drop_caches</c>); the file must be fsynced first so its pages are clean.
/// </summary>
internal static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;

    /// <summary>Evicts <paramref name="file"/>'s cached pages (a no-op off Linux).</summary>
    public static void Evict(FileStream file)
    {
        if (!OperatingSystem.IsLinux()) return;
        var result = PosixFadvise((int)file.SafeFileHandle.DangerousGetHandle(), 0, 0, PosixFadvDontNeed);
        if (result != 0) throw new IOException($"{file.Name}: posix_fadvise(DONTNEED) failed with error {result}; the read probe would measure the page cache.");
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}

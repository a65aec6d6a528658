using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Miro.Runtime;

/// <summary>
/// Replaces a file atomically and durably: write a temporary file beside it, flush it to the
/// device, rename it over the target, then flush the directory so the rename itself survives a
/// power cut. A reader sees the old file or the new one, never a mix. The one way the runtime
/// writes a file that must survive a crash (checkpoints, task reports, the run summary).
/// </summary>
internal static partial class DurableFile
{
    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    public static void Replace(string path, Action<Stream> write)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Files.OwnerOnly.CreateDirectory(directory);
        string temp = path + ".tmp";
        try
        {
            using (var stream = Files.OwnerOnly.OpenWrite(temp, FileMode.Create))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // The target is untouched until the rename; leave no half-written file beside it either.
            TryDelete(temp);
            throw;
        }
        SyncDirectory(directory);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> in UTF-8 (no byte-order mark).</summary>
    public static void ReplaceText(string path, string text) =>
        Replace(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write already failed and is what gets reported.
        }
    }

    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // Windows makes MoveFileEx durable on its own terms; there is no directory fsync.
        }
        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return; // Some file systems refuse directory handles; the rename is still atomic.
        }
        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

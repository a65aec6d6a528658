using System;
using System.IO;

namespace Miro.Runtime.Files;

/// <summary>
/// Creates the files and folders that hold a user's data — the sample store, checkpoints, reports,
/// the run folder — readable by their owner only (files 0600, folders 0700). The mode goes through
/// the process umask like any <c>open(2)</c>/<c>mkdir(2)</c> mode, so a stricter umask still wins.
/// Existing files and folders keep their modes: the user may have chosen them.
/// </summary>
public static class OwnerOnly
{
    /// <summary>rw------- .</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ .</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and its missing parents as owner-only folders.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; its missing
        // parents would get the default 0777 & ~umask. Create each missing level owner-only.
        string full = Path.GetFullPath(path);
        var missing = new System.Collections.Generic.Stack<string>();
        for (string? at = full; at is not null && !Directory.Exists(at); at = Path.GetDirectoryName(at))
        {
            missing.Push(at);
        }

        while (missing.Count > 0)
        {
            Directory.CreateDirectory(missing.Pop(), DirectoryMode);
        }

        return new DirectoryInfo(full);
    }

    /// <summary>Opens <paramref name="path"/> for writing with <paramref name="mode"/>, creating it owner-only.</summary>
    public static FileStream OpenWrite(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Creates an empty owner-only file at <paramref name="path"/> when there is none, so a library
    /// that creates files with its own default mode (SQLite: 0644, and the same for its -wal and -shm
    /// files, which copy the database's mode) creates nothing world-readable.
    /// </summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        using (OpenWrite(path, System.IO.FileMode.OpenOrCreate))
        {
        }
    }
}

using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Miro.Runtime.Files;

/// <summary>
/// Names the likely cause of a failed file operation in words a user can act on: "permission
/// denied", "no space left on the device", "read-only file system", "used by another process",
/// "damaged". One place decides, so the store, the checkpoint and the reports say the same thing
/// for the same fault (and a permission error never says "check free space").
/// </summary>
public static class FileFailure
{
    // Linux errno values (.NET keeps the errno as the HResult of an IOException it cannot map).
    private const int Eperm = 1, Eio = 5, Eacces = 13, Ebusy = 16, Eisdir = 21, Enospc = 28, Erofs = 30, Edquot = 122;

    /// <summary>The cause of <paramref name="error"/> and what to do about it, as one clause.</summary>
    public static string Cause(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error)
        {
            case SqliteException sqlite:
                return Sqlite(sqlite);
            case UnauthorizedAccessException:
                return "permission denied: check the owner and mode of the file and its folder (a read-only folder, or one owned by another user)";
        }

        int errno = error.HResult & 0xFFFF;
        string text = error.Message;
        if (errno is Enospc or Edquot || text.Contains("No space left", StringComparison.OrdinalIgnoreCase) || text.Contains("quota", StringComparison.OrdinalIgnoreCase))
        {
            return "no space left on the device: free some space or point the run at another disk";
        }

        if (errno == Erofs || text.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase))
        {
            return "read-only file system: mount it read-write or point the run at another folder";
        }

        if (errno is Eacces or Eperm || text.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
        {
            return "permission denied: check the owner and mode of the file and its folder";
        }

        if (errno == Eisdir)
        {
            return "a folder is in the way of the file: move it aside";
        }

        if (errno == Ebusy || text.Contains("being used by another process", StringComparison.OrdinalIgnoreCase))
        {
            return "used by another process: stop it or use another folder";
        }

        if (errno == Eio)
        {
            return "input/output error: the storage device may be failing";
        }

        return error.Message.TrimEnd('.');
    }

    private static string Sqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        13 /* SQLITE_FULL */ => "no space left on the device: free some space or point the run at another disk",
        8 /* SQLITE_READONLY */ or 23 /* SQLITE_AUTH */ or 3 /* SQLITE_PERM */ =>
            "permission denied or read-only: check the owner and mode of the store and its folder",
        5 /* SQLITE_BUSY */ or 6 /* SQLITE_LOCKED */ => "used by another process: another run has the store open; stop it or use another folder",
        14 /* SQLITE_CANTOPEN */ => "cannot open the file: check that its folder exists and is writable by you",
        11 /* SQLITE_CORRUPT */ or 26 /* SQLITE_NOTADB */ => "damaged: move the store aside to inspect it",
        10 /* SQLITE_IOERR */ => "input/output error: the storage device may be failing, or is full",
        _ => $"SQLite error {e.SqliteErrorCode}: {e.Message.TrimEnd('.')}",
    };

    /// <summary>"Cannot {operation} '{path}': {cause}."</summary>
    public static string Describe(string operation, string path, Exception error) => $"Cannot {operation} '{path}': {Cause(error)}.";
}

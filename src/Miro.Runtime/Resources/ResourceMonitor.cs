using System;
using System.IO;

namespace Miro.Runtime.Resources;

/// <summary>
/// Reads the device's resources (DESIGN.md §4.4): available DRAM, free space where the sample store
/// lives, and battery level, with procfs and sysfs read under an injectable root so tests run on fake trees.
/// </summary>
public sealed class ResourceMonitor
{
    private readonly string _root;
    private readonly string _storePath;
    private readonly Func<string, long?> _freeSpace;

    /// <summary>Monitors the device for a sample store at <paramref name="storePath"/>.</summary>
    /// <param name="storePath">The sample store's directory (need not exist yet: its nearest existing parent is measured).</param>
    /// <param name="root">Directory that stands for <c>/</c> when reading procfs and sysfs.</param>
    /// <param name="freeSpace">Free bytes of the file system holding a path; defaults to <see cref="DriveInfo"/> (statvfs).</param>
    public ResourceMonitor(string storePath, string root = "/", Func<string, long?>? freeSpace = null)
    {
        ArgumentNullException.ThrowIfNull(storePath);
        ArgumentNullException.ThrowIfNull(root);
        _storePath = storePath;
        _root = root;
        _freeSpace = freeSpace ?? FreeSpaceOf;
    }

    /// <summary>Reads every resource now.</summary>
    /// <exception cref="IOException">A procfs/sysfs file exists but is malformed; the message names it.</exception>
    public ResourceSnapshot Read() =>
        new(MemoryAvailability.Read(_root), _freeSpace(NearestExisting(Path.GetFullPath(_storePath))), BatteryLevel.Read(_root));

    private static string NearestExisting(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is string parent) current = parent;
        return current;
    }

    private static long? FreeSpaceOf(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

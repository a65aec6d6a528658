using System;
using System.IO;
using Miro.Dsl;
using Miro.Dsl.Model;

namespace Miro.Runtime.Resources;

/// <summary>
/// Reads the device's resources (DESIGN.md §4.4) — available DRAM, free space where the sample store
/// lives, battery level — into the <see cref="ResourceState"/> that decides which <c>when</c> rules
/// apply (the generated policies' <c>Candidates(state)</c> and the profiler use the same rules).
/// procfs and sysfs are read under an injectable root so tests run on fake trees. A reading that is
/// unavailable falls back to what the spec's <c>device</c> block declares.
/// </summary>
public sealed class ResourceMonitor
{
    private readonly DeviceSpec _device;
    private readonly string _root;
    private readonly string _storePath;
    private readonly Func<string, long?> _freeSpace;

    /// <summary>Monitors a device described by <paramref name="device"/> whose sample store is at <paramref name="storePath"/>.</summary>
    /// <param name="device">The spec's device block: fallbacks for unreadable DRAM and storage figures.</param>
    /// <param name="storePath">The sample store's directory (need not exist yet: its nearest existing parent is measured).</param>
    /// <param name="root">Directory that stands for <c>/</c> when reading procfs and sysfs.</param>
    /// <param name="freeSpace">Free bytes of the file system holding a path; defaults to <see cref="DriveInfo"/> (statvfs).</param>
    public ResourceMonitor(DeviceSpec device, string storePath, string root = "/", Func<string, long?>? freeSpace = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(storePath);
        ArgumentNullException.ThrowIfNull(root);
        _device = device;
        _storePath = storePath;
        _root = root;
        _freeSpace = freeSpace ?? FreeSpaceOf;
    }

    /// <summary>Reads every resource now.</summary>
    /// <exception cref="IOException">A procfs/sysfs file exists but is malformed; the message names it.</exception>
    public ResourceState Read() => new(
        MemoryAvailability.Read(_root) ?? _device.DramBytes,
        _freeSpace(NearestExisting(Path.GetFullPath(_storePath))) ?? _device.Storage?.CapacityBytes ?? long.MaxValue,
        BatteryLevel.Read(_root));

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

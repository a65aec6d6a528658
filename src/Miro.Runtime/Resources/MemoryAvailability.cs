using System;
using System.Globalization;
using System.IO;
using Miro.Runtime.Energy.Sources;

namespace Miro.Runtime.Resources;

/// <summary>
/// Available DRAM: <c>/proc/meminfo</c>'s <c>MemAvailable</c>, lowered to the process's cgroup
/// headroom (limit minus usage) when that is smaller. The cgroup is found through
/// <c>/proc/self/cgroup</c> and every ancestor's limit counts (a parent's limit binds its children);
/// cgroup v2 (<c>memory.max</c>, <c>memory.current</c>; <c>max</c> = unlimited) and v1
/// (<c>memory.limit_in_bytes</c>, <c>memory.usage_in_bytes</c>; a huge value = unlimited) are both read.
/// </summary>
internal static class MemoryAvailability
{
    // cgroup v1 reports "unlimited" as PAGE_COUNTER_MAX pages (~2^63 bytes); anything this large is no limit.
    private const long UnlimitedV1 = 1L << 62;

    /// <summary>Available bytes, or null when <c>/proc/meminfo</c> is missing.</summary>
    public static long? Read(string root)
    {
        var meminfo = MemAvailable(Path.Combine(root, "proc/meminfo"));
        var cgroup = CgroupHeadroom(root);
        if (meminfo is null) return cgroup;
        return cgroup is long c ? Math.Min(meminfo.Value, c) : meminfo;
    }

    private static long? MemAvailable(string path)
    {
        if (!File.Exists(path)) return null;
        long? free = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) return Kilobytes(line, path);
            // Kernels before 3.14 lack MemAvailable: MemFree is the conservative stand-in.
            if (line.StartsWith("MemFree:", StringComparison.Ordinal)) free = Kilobytes(line, path);
        }

        return free;
    }

    private static long Kilobytes(string line, string path)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            throw new IOException($"{path}: cannot parse '{line}' (expected 'Name: <number> kB').");
        return kb * 1024;
    }

    private static long? CgroupHeadroom(string root)
    {
        string? v2Path = null, v1Path = null;
        var self = Path.Combine(root, "proc/self/cgroup");
        if (File.Exists(self))
        {
            foreach (var line in File.ReadLines(self))
            {
                // "hierarchy-id:controllers:path"; v2 is "0::/path".
                var parts = line.Split(':', 3);
                if (parts.Length != 3) continue;
                if (parts[0] == "0" && parts[1].Length == 0) v2Path = parts[2];
                else if (Array.IndexOf(parts[1].Split(','), "memory") >= 0) v1Path = parts[2];
            }
        }

        var v2 = Walk(Path.Combine(root, "sys/fs/cgroup"), v2Path, "memory.max", "memory.current");
        var v1 = Walk(Path.Combine(root, "sys/fs/cgroup/memory"), v1Path, "memory.limit_in_bytes", "memory.usage_in_bytes");
        if (v2 is long a && v1 is long b) return Math.Min(a, b);
        return v2 ?? v1;
    }

    /// <summary>The smallest headroom from the cgroup at <paramref name="relative"/> up to the mount root.</summary>
    private static long? Walk(string mount, string? relative, string limitFile, string usageFile)
    {
        long? best = null;
        var dir = relative is null ? mount : Path.Combine(mount, relative.TrimStart('/'));
        var mountFull = Path.GetFullPath(mount);
        for (var current = Path.GetFullPath(dir); ; current = Path.GetDirectoryName(current)!)
        {
            var headroom = Headroom(Path.Combine(current, limitFile), Path.Combine(current, usageFile));
            if (headroom is long h) best = best is long b ? Math.Min(b, h) : h;
            if (current.Length <= mountFull.TrimEnd('/').Length || Path.GetDirectoryName(current) is null) break;
        }

        return best;
    }

    private static long? Headroom(string limitPath, string usagePath)
    {
        if (!File.Exists(limitPath)) return null;
        var text = SysfsFile.ReadText(limitPath);
        if (text == "max") return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            throw new IOException($"{limitPath}: expected a byte count or 'max', found '{text}'.");
        if (limit >= UnlimitedV1) return null;
        var usage = File.Exists(usagePath) ? SysfsFile.ReadLong(usagePath) : 0;
        return Math.Max(0, limit - usage);
    }
}

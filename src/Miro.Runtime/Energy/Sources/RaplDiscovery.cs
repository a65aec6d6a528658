using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Intel/AMD RAPL through powercap: <c>/sys/class/powercap/intel-rapl:N</c> are packages (or
/// <c>psys</c>, the whole platform), <c>intel-rapl:N:M</c> their sub-zones (<c>core</c>,
/// <c>uncore</c>, <c>dram</c>). Each zone's <c>energy_uj</c> wraps at its own <c>max_energy_range_uj</c>.
/// </summary>
internal static class RaplDiscovery
{
    public static void Discover(string root, DiscoveryLog log)
    {
        var dir = Path.Combine(root, "sys/class/powercap");
        var zones = DiscoveryLog.Directories(dir, "intel-rapl:*");
        if (zones.Length == 0)
        {
            log.Problem($"RAPL: no intel-rapl zones under {dir}.");
            return;
        }

        var packageAndDram = new List<CounterChannel>();
        foreach (var zone in zones)
        {
            var id = Path.GetFileName(zone);
            var namePath = Path.Combine(zone, "name");
            if (!File.Exists(namePath) || !File.Exists(Path.Combine(zone, "energy_uj"))) continue;
            string name;
            try
            {
                name = SysfsFile.ReadText(namePath);
            }
            catch (IOException e)
            {
                log.Problem($"RAPL {id}: {e.Message}");
                continue;
            }

            long? max;
            try
            {
                max = SysfsFile.ReadLongIfExists(Path.Combine(zone, "max_energy_range_uj"));
            }
            catch (IOException)
            {
                // An unreadable range only costs wrap detection: a backwards step is then treated as a reset.
                max = null;
            }

            var channel = new CounterChannel($"{id} ({name})", Path.Combine(zone, "energy_uj"), max is > 0 ? max : null);
            var topLevel = id.IndexOf(':', StringComparison.Ordinal) == id.LastIndexOf(':');
            if (topLevel && name == "psys")
                log.Offer(new CounterSource(MeterKind.Rapl, SourceTier.WholeBoard, $"RAPL psys ({zone})", new[] { channel }));
            else if (topLevel && name.StartsWith("package", StringComparison.Ordinal))
                packageAndDram.Add(channel);
            else if (!topLevel && name == "dram")
                packageAndDram.Add(channel);
        }

        if (packageAndDram.Count > 0)
        {
            var names = new List<string>();
            foreach (var c in packageAndDram) names.Add(c.Name);
            log.Offer(new CounterSource(MeterKind.Rapl, SourceTier.PackageAndDram, $"RAPL {string.Join(" + ", names)} under {dir}", packageAndDram));
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Generic hwmon sensors: <c>/sys/class/hwmon/hwmon*/energy*_input</c> (µJ counters) or
/// <c>power*_input</c> (µW). Devices are told apart by their <c>name</c> file, never by number.
/// When a device labels some channels as socket/package totals (e.g. <c>amd_energy</c>'s
/// <c>Esocket0</c>), only those are summed so per-core channels are not counted twice.
/// </summary>
internal static class HwmonDiscovery
{
    public static void Discover(string root, DiscoveryLog log)
    {
        var dir = Path.Combine(root, "sys/class/hwmon");
        var devices = DiscoveryLog.Directories(dir, "hwmon*");
        if (devices.Length == 0)
        {
            log.Problem($"hwmon: no devices under {dir}.");
            return;
        }

        foreach (var device in devices)
        {
            var namePath = Path.Combine(device, "name");
            var name = File.Exists(namePath) ? SafeText(namePath) : Path.GetFileName(device);
            // INA3221 rails are handled by Ina3221Discovery, which knows which rail is the whole module.
            if (name.StartsWith("ina3221", StringComparison.Ordinal)) continue;

            var counters = new List<CounterChannel>();
            foreach (var file in Totals(device, "energy", DiscoveryLog.Files(device, "energy*_input")))
                counters.Add(new CounterChannel($"{name} {Path.GetFileName(file)}", file, null));
            if (counters.Count > 0)
            {
                log.Offer(new CounterSource(MeterKind.Hwmon, SourceTier.PackageAndDram, $"hwmon {name} energy ({device})", counters));
                continue;
            }

            var powers = new List<PowerChannel>();
            foreach (var file in Totals(device, "power", DiscoveryLog.Files(device, "power*_input")))
                powers.Add(new PowerChannel($"{name} {Path.GetFileName(file)}", file, null, 1e-6));
            if (powers.Count > 0)
                log.Offer(new PowerSource(MeterKind.Hwmon, SourceTier.PackageAndDram, $"hwmon {name} power ({device})", powers));
        }
    }

    private static List<string> Totals(string device, string prefix, string[] inputs)
    {
        var totals = new List<string>();
        foreach (var input in inputs)
        {
            var n = DiscoveryLog.Index(Path.GetFileName(input), prefix, "_input");
            if (n is null) continue;
            var labelPath = Path.Combine(device, $"{prefix}{n}_label");
            if (!File.Exists(labelPath)) continue;
            var label = SafeText(labelPath);
            if (label.Contains("socket", StringComparison.OrdinalIgnoreCase) || label.Contains("package", StringComparison.OrdinalIgnoreCase))
                totals.Add(input);
        }

        if (totals.Count > 0) return totals;
        var all = new List<string>();
        foreach (var input in inputs)
            if (DiscoveryLog.Index(Path.GetFileName(input), prefix, "_input") is not null) all.Add(input);
        return all;
    }

    private static string SafeText(string path)
    {
        try
        {
            return SysfsFile.ReadText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Jetson INA3221 power monitors, in both driver layouts:
/// JetPack 5+ (mainline <c>ina3221</c>): <c>/sys/bus/i2c/drivers/ina3221/*/hwmon/hwmon*/in{N}_label</c>,
/// <c>in{N}_input</c> (mV) and <c>curr{N}_input</c> (mA);
/// JetPack 4 (<c>ina3221x</c>): <c>/sys/bus/i2c/drivers/ina3221x/*/iio:device*/rail_name_{N}</c> and
/// <c>in_power{N}_input</c> (mW).
/// Rails are chosen by label, never by hwmon number (which changes from boot to boot). The module
/// input rail is the whole board; without it, the other rails are summed. Unconnected rails
/// (label <c>NC</c>) are skipped.
/// </summary>
internal static class Ina3221Discovery
{
    // VDD_IN on TX2/Xavier/Orin, POM_5V_IN on the Nano: the module's input rail, i.e. everything.
    private static readonly string[] WholeModuleRails = { "VDD_IN", "POM_5V_IN" };

    public static void Discover(string root, DiscoveryLog log)
    {
        var rails = new List<PowerChannel>();
        var hwmonDriver = Path.Combine(root, "sys/bus/i2c/drivers/ina3221");
        foreach (var chip in DiscoveryLog.Directories(hwmonDriver, "*"))
        foreach (var hwmon in DiscoveryLog.Directories(Path.Combine(chip, "hwmon"), "hwmon*"))
        foreach (var labelPath in DiscoveryLog.Files(hwmon, "in*_label"))
        {
            var n = DiscoveryLog.Index(Path.GetFileName(labelPath), "in", "_label");
            var voltage = Path.Combine(hwmon, $"in{n}_input");
            var current = Path.Combine(hwmon, $"curr{n}_input");
            // Shunt-voltage sums and other channels without a current are not rails.
            if (n is null || !File.Exists(voltage) || !File.Exists(current)) continue;
            AddRail(rails, log, labelPath, voltage, current, 1e-6);
        }

        var iioDriver = Path.Combine(root, "sys/bus/i2c/drivers/ina3221x");
        foreach (var chip in DiscoveryLog.Directories(iioDriver, "*"))
        foreach (var iio in DiscoveryLog.Directories(chip, "iio:device*"))
        foreach (var namePath in DiscoveryLog.Files(iio, "rail_name_*"))
        {
            var n = DiscoveryLog.Index(Path.GetFileName(namePath), "rail_name_", "");
            var power = Path.Combine(iio, $"in_power{n}_input");
            if (n is null || !File.Exists(power)) continue;
            AddRail(rails, log, namePath, power, null, 1e-3);
        }

        if (rails.Count == 0)
        {
            log.Problem($"INA3221: no labelled rails under {hwmonDriver} or {iioDriver}.");
            return;
        }

        foreach (var rail in rails)
            if (Array.IndexOf(WholeModuleRails, rail.Name.ToUpperInvariant()) >= 0)
            {
                log.Offer(new PowerSource(MeterKind.Ina3221, SourceTier.WholeBoard, $"INA3221 rail {rail.Name} ({Path.GetDirectoryName(rail.FirstPath)})", new[] { rail }));
                return;
            }

        var names = new List<string>();
        foreach (var r in rails) names.Add(r.Name);
        log.Offer(new PowerSource(MeterKind.Ina3221, SourceTier.PackageAndDram, $"INA3221 rails {string.Join(" + ", names)} (no VDD_IN rail)", rails));
    }

    private static void AddRail(List<PowerChannel> rails, DiscoveryLog log, string labelPath, string first, string? second, double scale)
    {
        string label;
        try
        {
            label = SysfsFile.ReadText(labelPath);
        }
        catch (IOException e)
        {
            log.Problem($"INA3221: {e.Message}");
            return;
        }

        if (label.Length == 0 || label.Equals("NC", StringComparison.OrdinalIgnoreCase)) return;
        rails.Add(new PowerChannel(label, first, second, scale));
    }
}

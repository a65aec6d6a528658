using System.IO;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Laptop and phone batteries: <c>/sys/class/power_supply/BAT*/power_now</c> (µW), or
/// <c>current_now</c> (µA) × <c>voltage_now</c> (µV). Drivers disagree on the sign of discharge
/// current, so the magnitude is used. A battery whose <c>status</c> says it is charging (or full) is
/// skipped: on mains power its current is not what the device draws.
/// </summary>
internal static class BatteryDiscovery
{
    public static void Discover(string root, DiscoveryLog log)
    {
        var dir = Path.Combine(root, "sys/class/power_supply");
        var batteries = DiscoveryLog.Directories(dir, "BAT*");
        if (batteries.Length == 0)
        {
            log.Problem($"battery: no BAT* under {dir}.");
            return;
        }

        foreach (var battery in batteries)
        {
            var name = Path.GetFileName(battery);
            var statusPath = Path.Combine(battery, "status");
            var status = File.Exists(statusPath) ? SafeStatus(statusPath) : "";
            // On mains power the battery's current is its charging current, not what the device draws.
            if (status is "Charging" or "Full" or "Not charging")
            {
                log.Problem($"battery {battery}: status is '{status}', so its power is not the device's (run on battery to measure with it).");
                continue;
            }

            var powerNow = Path.Combine(battery, "power_now");
            var currentNow = Path.Combine(battery, "current_now");
            var voltageNow = Path.Combine(battery, "voltage_now");
            PowerChannel channel;
            if (File.Exists(powerNow)) channel = new PowerChannel(name, powerNow, null, 1e-6);
            else if (File.Exists(currentNow) && File.Exists(voltageNow)) channel = new PowerChannel(name, currentNow, voltageNow, 1e-12);
            else
            {
                log.Problem($"battery {battery}: neither power_now nor current_now with voltage_now.");
                continue;
            }

            log.Offer(new PowerSource(MeterKind.Battery, SourceTier.Battery, $"battery {name} ({battery})", new[] { channel }));
        }
    }

    private static string SafeStatus(string path)
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

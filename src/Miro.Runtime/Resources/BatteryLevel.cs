using System.IO;
using Miro.Runtime.Energy.Sources;

namespace Miro.Runtime.Resources;

/// <summary>Battery charge from <c>/sys/class/power_supply/BAT*/capacity</c> (percent), averaged over batteries.</summary>
internal static class BatteryLevel
{
    /// <summary>The charge as a fraction in [0, 1], or null without a battery.</summary>
    public static double? Read(string root)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var battery in DiscoveryLog.Directories(Path.Combine(root, "sys/class/power_supply"), "BAT*"))
        {
            var capacity = Path.Combine(battery, "capacity");
            if (!File.Exists(capacity)) continue;
            sum += System.Math.Clamp(SysfsFile.ReadLong(capacity), 0, 100) / 100.0;
            count++;
        }

        return count == 0 ? null : sum / count;
    }
}

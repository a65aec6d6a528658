using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>The sensor an energy meter will read, or the model and the reason why.</summary>
/// <param name="Source">The chosen sensor; null when the model is used.</param>
/// <param name="FallbackReason">Why the model is used although a sensor was wanted; null otherwise.</param>
internal sealed record SensorChoice(EnergySource? Source, string? FallbackReason);

/// <summary>
/// Finds the readable sensors under a sysfs root and picks one: whole board &gt; package + DRAM &gt;
/// battery &gt; model, unless the spec's <c>meter</c> forces a kind (DESIGN.md §4.3).
/// </summary>
internal static class SensorDiscovery
{
    /// <summary>Chooses the sensor for <paramref name="requested"/> under <paramref name="root"/>.</summary>
    public static SensorChoice Choose(string root, MeterKind requested)
    {
        if (requested == MeterKind.Model) return new SensorChoice(null, null);

        var log = new DiscoveryLog();
        // Discovery order breaks ties within a tier: a Jetson's INA3221 before anything else.
        if (requested is MeterKind.Auto or MeterKind.Ina3221) Ina3221Discovery.Discover(root, log);
        if (requested is MeterKind.Auto or MeterKind.Rapl) RaplDiscovery.Discover(root, log);
        if (requested is MeterKind.Auto or MeterKind.Hwmon) HwmonDiscovery.Discover(root, log);
        if (requested is MeterKind.Auto or MeterKind.Battery) BatteryDiscovery.Discover(root, log);

        EnergySource? best = null;
        foreach (var s in log.Sources)
            if (best is null || s.Tier < best.Tier) best = s;
        if (best is not null) return new SensorChoice(best, null);

        var what = requested == MeterKind.Auto ? "no readable energy sensor (INA3221, RAPL, hwmon, battery)" : $"the requested meter '{Name(requested)}' is not readable";
        return new SensorChoice(null, $"{what} under '{root}', so energy is estimated by the model from the device block ({string.Join(" ", Distinct(log.Problems))}).");
    }

    /// <summary>The spec keyword of a meter kind.</summary>
    public static string Name(MeterKind kind) => kind.ToString().ToLowerInvariant();

    private static List<string> Distinct(IReadOnlyList<string> items)
    {
        var seen = new HashSet<string>();
        var list = new List<string>();
        foreach (var i in items)
            if (seen.Add(i)) list.Add(i);
        return list;
    }
}

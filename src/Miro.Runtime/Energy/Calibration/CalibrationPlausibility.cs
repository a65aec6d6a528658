using System.Collections.Generic;
using System.Globalization;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>
/// Refuses a calibration whose device block <c>miro check</c> would reject or whose numbers mean
/// nothing: a sensor that did not move during a probe, or a coefficient that fitted to zero or
/// below (idle power, read or write energy). Each refusal names the probe behind it and why.
/// </summary>
internal static class CalibrationPlausibility
{
    /// <summary>Why the probes or the fitted <paramref name="model"/> cannot be used; null when they can.</summary>
    public static string? Refusal(IReadOnlyList<CalibrationProbe> probes, EnergyModel? model)
    {
        var stuck = new List<string>();
        foreach (var p in probes)
        {
            if (!(p.Joules > 0))
                stuck.Add(string.Create(CultureInfo.InvariantCulture, $"'{p.Name}' ({p.Joules:F3} J over {p.WallSeconds:F2} s)"));
        }

        if (stuck.Count > 0)
        {
            return (stuck.Count == probes.Count ? "The sensor did not move during any probe: " : "The sensor did not move during probe ") +
                   string.Join(", ", stuck) + ". A board draws power all the time, so the counter is stuck, not updated by this kernel, " +
                   "or not the board's supply. Check the sensor (cat its file twice a second apart), or use `meter model` with datasheet figures.";
        }

        if (model is null)
            return null;
        if (!(model.IdleWatts > 0))
            return string.Create(CultureInfo.InvariantCulture,
                $"The fit gives idle power {model.IdleWatts:0.###} W from probe 'idle': the sensor's readings do not grow with time. Check that it measures the board's supply.");
        if (!(model.ReadJoulesPerByte > 0))
            return NoStorageCost("read", "read");
        if (!(model.WriteJoulesPerByte > 0))
            return NoStorageCost("write", "write+fsync");
        return null;
    }

    private static string NoStorageCost(string coefficient, string probe) =>
        $"The fit gives {coefficient} energy 0 nJ/B (non-positive): probe '{probe}' used no more energy than its time and CPU explain, " +
        "so the sensor cannot see storage traffic (it may measure only the CPU package, or the storage is too fast for the probe). " +
        "Run with --dir on the device's own flash and a longer --seconds, or take the storage energy from the datasheet; `miro check` rejects a zero coefficient.";
}

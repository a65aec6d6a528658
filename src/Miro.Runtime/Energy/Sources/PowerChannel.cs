using System;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// One instantaneous power reading: either a power file, or a voltage file times a current file.
/// The absolute value is taken, because batteries report discharge with either sign.
/// </summary>
/// <param name="Name">A label for messages (rail name).</param>
/// <param name="FirstPath">The power file, or the voltage file.</param>
/// <param name="SecondPath">The current file when power is voltage × current; null otherwise.</param>
/// <param name="ScaleToWatts">Factor from the raw product to watts (1e-6 for µW or mV·mA, 1e-3 for mW, 1e-12 for µV·µA).</param>
internal sealed record PowerChannel(string Name, string FirstPath, string? SecondPath, double ScaleToWatts)
{
    /// <summary>Reads the power in watts.</summary>
    public double ReadWatts()
    {
        double raw = SysfsFile.ReadLong(FirstPath);
        if (SecondPath is not null) raw *= SysfsFile.ReadLong(SecondPath);
        return Math.Abs(raw) * ScaleToWatts;
    }
}

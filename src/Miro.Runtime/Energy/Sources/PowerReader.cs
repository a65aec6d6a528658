using System.Globalization;
using System.IO;

namespace Miro.Runtime.Energy.Sources;

/// <summary>Integrates sampled power with the trapezoid rule: E = (P_prev + P_now) / 2 · dt.</summary>
internal sealed class PowerReader : SensorReader
{
    private readonly PowerSource _source;
    private double? _previousWatts;

    public PowerReader(PowerSource source) => _source = source;

    public override EnergySource Source => _source;

    public override void Baseline() => _previousWatts = _source.ReadWatts();

    public override IntervalReading Read(double seconds, double maxPlausibleWatts)
    {
        double watts;
        try
        {
            watts = _source.ReadWatts();
        }
        catch (IOException e)
        {
            _previousWatts = null;
            return IntervalReading.Invalid(MeterEventKind.ReadFault, e.Message);
        }

        if (watts > maxPlausibleWatts)
        {
            _previousWatts = null;
            return IntervalReading.Invalid(MeterEventKind.ImplausibleReading,
                $"{_source.Description}: read {watts.ToString("G4", CultureInfo.InvariantCulture)} W, more than the plausible {maxPlausibleWatts.ToString("G4", CultureInfo.InvariantCulture)} W; interval filled by the model (check power.active in the device block).");
        }

        var previous = _previousWatts;
        _previousWatts = watts;
        return previous is double p ? IntervalReading.Measured((p + watts) / 2 * seconds) : IntervalReading.Invalid(null, null);
    }
}

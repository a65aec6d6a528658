using System.Globalization;
using System.IO;

namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Differences cumulative µJ counters. A counter that steps backwards has wrapped when its range is
/// known (delta = raw + max − previous); without a range, or when the wrapped delta implies more
/// power than the device can draw, it was reset, and the interval is flagged for the model.
/// </summary>
internal sealed class CounterReader : SensorReader
{
    private readonly CounterSource _source;
    private readonly long?[] _previous;
    private readonly long[] _current;

    public CounterReader(CounterSource source)
    {
        _source = source;
        _previous = new long?[source.Channels.Count];
        _current = new long[source.Channels.Count];
    }

    public override EnergySource Source => _source;

    public override void Baseline()
    {
        for (var i = 0; i < _previous.Length; i++) _previous[i] = _source.Channels[i].ReadMicrojoules();
    }

    public override IntervalReading Read(double seconds, double maxPlausibleWatts)
    {
        for (var i = 0; i < _current.Length; i++)
        {
            try
            {
                _current[i] = _source.Channels[i].ReadMicrojoules();
            }
            catch (IOException e)
            {
                System.Array.Clear(_previous);
                return IntervalReading.Invalid(MeterEventKind.ReadFault, e.Message);
            }
        }

        var microjoules = 0.0;
        var baselineMissing = false;
        string? reset = null;
        var wrapped = false;
        for (var i = 0; i < _current.Length; i++)
        {
            var channel = _source.Channels[i];
            var now = _current[i];
            if (_previous[i] is not long before)
            {
                baselineMissing = true;
            }
            else if (now >= before)
            {
                microjoules += now - before;
            }
            else if (channel.MaxRangeMicrojoules is long max && before <= max)
            {
                microjoules += now + (max - before);
                wrapped = true;
            }
            else
            {
                reset ??= $"{channel.EnergyPath} went back from {before} to {now} µJ" +
                    (channel.MaxRangeMicrojoules is null ? " and has no max_energy_range_uj to wrap at" : "") +
                    "; treated as a counter reset";
            }

            _previous[i] = now;
        }

        if (baselineMissing) return IntervalReading.Invalid(null, null);
        if (reset is not null) return IntervalReading.Invalid(MeterEventKind.CounterReset, reset + ", interval filled by the model.");
        var joules = microjoules * 1e-6;
        if (joules > maxPlausibleWatts * seconds)
        {
            var watts = (joules / seconds).ToString("G4", CultureInfo.InvariantCulture);
            return wrapped
                ? IntervalReading.Invalid(MeterEventKind.CounterReset, $"{_source.Description}: a counter went backwards and a wrap would mean {watts} W; treated as a counter reset, interval filled by the model.")
                : IntervalReading.Invalid(MeterEventKind.ImplausibleReading, $"{_source.Description}: delta implies {watts} W, more than the plausible {maxPlausibleWatts.ToString("G4", CultureInfo.InvariantCulture)} W; interval filled by the model (check power.active in the device block).");
        }

        return IntervalReading.Measured(joules);
    }
}

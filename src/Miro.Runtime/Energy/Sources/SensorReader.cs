namespace Miro.Runtime.Energy.Sources;

/// <summary>
/// Turns successive reads of a sensor into energy per interval. Readers keep the previous reading
/// (the baseline); after a fault the baseline is dropped, and the next interval re-establishes it
/// (and is filled by the model, since its start is unknown).
/// </summary>
internal abstract class SensorReader
{
    /// <summary>The sensor read.</summary>
    public abstract EnergySource Source { get; }

    /// <summary>Takes the first reading. Throws <see cref="System.IO.IOException"/> when the sensor is unreadable.</summary>
    public abstract void Baseline();

    /// <summary>The energy since the previous read, over <paramref name="seconds"/>; readings implying more than
    /// <paramref name="maxPlausibleWatts"/> are rejected.</summary>
    public abstract IntervalReading Read(double seconds, double maxPlausibleWatts);

    /// <summary>A reader for <paramref name="source"/>.</summary>
    public static SensorReader For(EnergySource source) => source switch
    {
        CounterSource c => new CounterReader(c),
        PowerSource p => new PowerReader(p),
        _ => throw new System.ArgumentException($"Unknown sensor type {source.GetType().Name}.", nameof(source)),
    };
}

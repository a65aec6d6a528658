using System;

namespace Miro.Runtime.Energy;

/// <summary>How an <see cref="EnergyMeter"/> finds its sensor and samples it.</summary>
public sealed class EnergyMeterOptions
{
    /// <summary>Directory that stands for <c>/</c> when looking for sysfs sensors (tests point it at a fake tree).</summary>
    public string Root { get; init; } = "/";

    /// <summary>Period of the sampling thread.</summary>
    public TimeSpan SamplingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The runtime's flash I/O byte counters, which the energy model charges for.</summary>
    public IIoCounters IoCounters { get; init; } = new IoCounters();
}

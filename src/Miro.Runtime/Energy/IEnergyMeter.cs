using System;

namespace Miro.Runtime.Energy;

/// <summary>
/// Reports cumulative joules per <see cref="EnergyPhase"/> with provenance (DESIGN.md §4.3).
/// Code brackets its work in phases: <c>using (meter.Enter(EnergyPhase.TrainCompute)) { ... }</c>.
/// Phases may overlap (the swap worker swaps while the trainer trains): energy sampled while several
/// are active is split between them by the energy model's ratio of compute to I/O energy.
/// </summary>
public interface IEnergyMeter
{
    /// <summary>The source being read and why.</summary>
    MeterSourceInfo Source { get; }

    /// <summary>Total joules as of the latest sample (cheap: no sensor read; at most one sampling
    /// period stale). Meant for budget checks at batch boundaries.</summary>
    double TotalJoules { get; }

    /// <summary>Enters <paramref name="phase"/> until the returned scope is disposed.</summary>
    IDisposable Enter(EnergyPhase phase);

    /// <summary>Takes a fresh sample and returns the cumulative figures.</summary>
    EnergySnapshot Snapshot();
}

using System;
using System.Collections.Generic;

namespace Miro.Runtime.Energy;

/// <summary>The cumulative energy a meter has recorded, per phase, at one instant.</summary>
/// <param name="Elapsed">Time since the meter started.</param>
/// <param name="Phases">One entry per <see cref="EnergyPhase"/>, in enum order.</param>
/// <param name="Source">The source in use at the time of the snapshot.</param>
/// <param name="ModelEstimateJoules">What the energy model alone estimates for the same span (a
/// shadow figure for comparing a sensor with the spec's coefficients).</param>
/// <param name="Events">Every meter event so far, oldest first.</param>
public sealed record EnergySnapshot(
    TimeSpan Elapsed,
    IReadOnlyList<PhaseEnergy> Phases,
    MeterSourceInfo Source,
    double ModelEstimateJoules,
    IReadOnlyList<MeterEvent> Events)
{
    /// <summary>Total joules over all phases.</summary>
    public double TotalJoules
    {
        get
        {
            var total = 0.0;
            foreach (var p in Phases) total += p.Joules;
            return total;
        }
    }

    /// <summary>The figure of one phase.</summary>
    public PhaseEnergy this[EnergyPhase phase] => Phases[(int)phase];

    /// <summary>
    /// The energy recorded between <paramref name="earlier"/> and this snapshot (e.g. one task's),
    /// with the events that happened in between.
    /// </summary>
    public EnergySnapshot Since(EnergySnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var phases = new PhaseEnergy[Phases.Count];
        for (var i = 0; i < phases.Length; i++) phases[i] = Phases[i].Minus(earlier.Phases[i]);
        var events = new List<MeterEvent>();
        for (var i = earlier.Events.Count; i < Events.Count; i++) events.Add(Events[i]);
        return new EnergySnapshot(Elapsed - earlier.Elapsed, phases, Source, ModelEstimateJoules - earlier.ModelEstimateJoules, events);
    }
}

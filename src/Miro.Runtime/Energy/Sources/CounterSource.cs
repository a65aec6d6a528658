using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>A sensor made of cumulative energy counters whose deltas add up (e.g. RAPL package + DRAM).</summary>
internal sealed class CounterSource : EnergySource
{
    public CounterSource(MeterKind kind, SourceTier tier, string description, IReadOnlyList<CounterChannel> channels)
        : base(kind, tier, description) => Channels = channels;

    /// <summary>The counters, each differenced on its own (they wrap independently).</summary>
    public IReadOnlyList<CounterChannel> Channels { get; }

    public override EnergyProvenance Provenance => EnergyProvenance.Counter;

    public override void Probe()
    {
        foreach (var c in Channels) c.ReadMicrojoules();
    }
}

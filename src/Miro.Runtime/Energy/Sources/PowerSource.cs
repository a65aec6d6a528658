using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>A sensor made of instantaneous power readings whose sum is the power drawn.</summary>
internal sealed class PowerSource : EnergySource
{
    public PowerSource(MeterKind kind, SourceTier tier, string description, IReadOnlyList<PowerChannel> channels)
        : base(kind, tier, description) => Channels = channels;

    /// <summary>The power channels that are summed.</summary>
    public IReadOnlyList<PowerChannel> Channels { get; }

    public override EnergyProvenance Provenance => EnergyProvenance.IntegratedPower;

    /// <summary>Total power in watts.</summary>
    public double ReadWatts()
    {
        var watts = 0.0;
        foreach (var c in Channels) watts += c.ReadWatts();
        return watts;
    }

    public override void Probe() => ReadWatts();
}

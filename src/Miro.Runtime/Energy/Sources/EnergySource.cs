using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Sources;

/// <summary>A readable hardware sensor found under the sysfs root.</summary>
internal abstract class EnergySource
{
    protected EnergySource(MeterKind kind, SourceTier tier, string description)
    {
        Kind = kind;
        Tier = tier;
        Description = description;
    }

    /// <summary>The spec's name for this kind of sensor.</summary>
    public MeterKind Kind { get; }

    /// <summary>How much of the device it sees.</summary>
    public SourceTier Tier { get; }

    /// <summary>What is read, for reports.</summary>
    public string Description { get; }

    /// <summary>Counter or integrated power.</summary>
    public abstract EnergyProvenance Provenance { get; }

    /// <summary>Reads every file once, so discovery only offers sensors that work.</summary>
    public abstract void Probe();
}

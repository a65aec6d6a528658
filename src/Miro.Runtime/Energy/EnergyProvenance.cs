namespace Miro.Runtime.Energy;

/// <summary>
/// Where an energy figure comes from, strongest first. A figure that mixes sources carries the
/// weakest one that contributed, so a reader never mistakes modelled joules for measured ones.
/// </summary>
public enum EnergyProvenance
{
    /// <summary>Differenced from a hardware energy counter (RAPL, hwmon <c>energy*_input</c>).</summary>
    Counter,
    /// <summary>Integrated (trapezoid rule) from sampled power (INA3221, hwmon <c>power*_input</c>, battery).</summary>
    IntegratedPower,
    /// <summary>Estimated by the energy model from the spec's <c>device</c> block.</summary>
    Model,
}

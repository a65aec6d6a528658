namespace Miro.Runtime.Energy;

/// <summary>The cumulative energy of one phase, split by where each joule came from.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="CounterJoules">Joules differenced from an energy counter.</param>
/// <param name="IntegratedPowerJoules">Joules integrated from sampled power.</param>
/// <param name="ModelJoules">Joules estimated by the model (no sensor, or a sensor interval that was
/// unreadable or implausible).</param>
public sealed record PhaseEnergy(EnergyPhase Phase, double CounterJoules, double IntegratedPowerJoules, double ModelJoules)
{
    /// <summary>Total joules of the phase.</summary>
    public double Joules => CounterJoules + IntegratedPowerJoules + ModelJoules;

    /// <summary>The weakest provenance that contributed a non-zero share (<see cref="EnergyProvenance.Model"/> when
    /// nothing was recorded, since an empty figure is not a measurement).</summary>
    public EnergyProvenance Provenance =>
        ModelJoules > 0 || (CounterJoules == 0 && IntegratedPowerJoules == 0) ? EnergyProvenance.Model
        : IntegratedPowerJoules > 0 ? EnergyProvenance.IntegratedPower
        : EnergyProvenance.Counter;

    /// <summary>This figure minus an earlier figure of the same phase.</summary>
    public PhaseEnergy Minus(PhaseEnergy earlier) => new(
        Phase,
        CounterJoules - earlier.CounterJoules,
        IntegratedPowerJoules - earlier.IntegratedPowerJoules,
        ModelJoules - earlier.ModelJoules);
}

using System;

namespace Miro.Runtime.Energy;

/// <summary>
/// Splits the energy of a stretch of time among the phases active during it. Compute phases share
/// one slot by precedence (profiling trials contain training and evaluation, so their energy is
/// profiling's); the I/O phases (replay I/O, storage swap) run alongside it on other threads. When
/// both kinds overlap, the energy is split by the model's ratio of compute to I/O energy for the
/// interval; phases of the same kind share equally.
/// </summary>
internal static class PhaseAttribution
{
    /// <summary>Phase bit for <paramref name="phase"/> in an active-phase mask.</summary>
    public static int Bit(EnergyPhase phase) => 1 << (int)phase;

    private static readonly EnergyPhase[] ComputePrecedence =
        { EnergyPhase.Profiling, EnergyPhase.Evaluation, EnergyPhase.TrainCompute, EnergyPhase.Idle };

    /// <summary>
    /// Adds <paramref name="joules"/> to <paramref name="perPhase"/> (indexed by phase) for the phases in
    /// <paramref name="mask"/>; an empty mask is <see cref="EnergyPhase.Idle"/>.
    /// </summary>
    public static void Split(double joules, int mask, double computeWeight, double ioWeight, Span<double> perPhase)
    {
        var compute = -1;
        foreach (var phase in ComputePrecedence)
            if ((mask & Bit(phase)) != 0)
            {
                compute = (int)phase;
                break;
            }

        var replay = (mask & Bit(EnergyPhase.ReplayIo)) != 0;
        var swap = (mask & Bit(EnergyPhase.StorageSwap)) != 0;
        var ioCount = (replay ? 1 : 0) + (swap ? 1 : 0);
        if (compute < 0 && ioCount == 0) compute = (int)EnergyPhase.Idle;

        double ioShare;
        if (ioCount == 0) ioShare = 0;
        else if (compute < 0) ioShare = 1;
        else
        {
            var c = Math.Max(0, computeWeight);
            var io = Math.Max(0, ioWeight);
            ioShare = c + io > 0 ? io / (c + io) : 0.5;
        }

        if (compute >= 0) perPhase[compute] += joules * (1 - ioShare);
        if (replay) perPhase[(int)EnergyPhase.ReplayIo] += joules * ioShare / ioCount;
        if (swap) perPhase[(int)EnergyPhase.StorageSwap] += joules * ioShare / ioCount;
    }
}

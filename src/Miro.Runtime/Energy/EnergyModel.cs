using System;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy;

/// <summary>
/// The energy model used when no sensor is readable (DESIGN.md §4.3):
/// <c>E = P_idle·wall + (P_active − P_idle)·cpu_busy_fraction·wall + e_read·bytes_read + e_write·bytes_written</c>,
/// where <c>cpu_busy_fraction = cpu_time / (wall · cores)</c>, clamped to [0, 1].
/// </summary>
/// <param name="IdleWatts">Board power when idle (<c>power { idle X W }</c>).</param>
/// <param name="ActiveWatts">Board power when every core is busy (<c>power { active Y W }</c>).</param>
/// <param name="ReadJoulesPerByte">Flash read energy (<c>storage … { read X nJ/B }</c>); 0 without a storage device.</param>
/// <param name="WriteJoulesPerByte">Flash write energy (<c>storage … { write X nJ/B }</c>); 0 without a storage device.</param>
public sealed record EnergyModel(double IdleWatts, double ActiveWatts, double ReadJoulesPerByte, double WriteJoulesPerByte)
{
    /// <summary>The model whose coefficients are the spec's <c>device</c> block.</summary>
    public static EnergyModel FromDevice(DeviceSpec device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new EnergyModel(
            device.Power.IdleWatts,
            device.Power.ActiveWatts,
            device.Storage?.ReadJoulesPerByte ?? 0,
            device.Storage?.WriteJoulesPerByte ?? 0);
    }

    /// <summary>The CPU-busy fraction of <paramref name="processors"/> cores over <paramref name="wallSeconds"/>.</summary>
    public static double BusyFraction(double wallSeconds, double cpuSeconds, int processors) =>
        wallSeconds <= 0 || processors <= 0 ? 0 : Math.Clamp(cpuSeconds / (wallSeconds * processors), 0, 1);

    /// <summary>Joules of the power terms (idle plus CPU-proportional dynamic power).</summary>
    public double ComputeJoules(double wallSeconds, double cpuSeconds, int processors) =>
        wallSeconds <= 0 ? 0
        : IdleWatts * wallSeconds + (ActiveWatts - IdleWatts) * BusyFraction(wallSeconds, cpuSeconds, processors) * wallSeconds;

    /// <summary>Joules of the flash I/O terms.</summary>
    public double IoJoules(long bytesRead, long bytesWritten) =>
        ReadJoulesPerByte * Math.Max(0, bytesRead) + WriteJoulesPerByte * Math.Max(0, bytesWritten);

    /// <summary>The model's estimate for an interval of <paramref name="wallSeconds"/>.</summary>
    public double Estimate(double wallSeconds, double cpuSeconds, int processors, long bytesRead, long bytesWritten) =>
        ComputeJoules(wallSeconds, cpuSeconds, processors) + IoJoules(bytesRead, bytesWritten);
}

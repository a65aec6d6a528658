using System;
using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Runtime.Energy.Sources;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>
/// Calibrates the energy model against this device's real sensor: open it, run the probes, then
/// fit them with <see cref="CalibrationFit"/>. Used by <c>miro calibrate</c>.
/// </summary>
public sealed class DeviceCalibration : IDisposable
{
    private readonly EnergyMeter _meter;
    private readonly IoCounters _io;

    private DeviceCalibration(EnergyMeter meter, IoCounters io)
    {
        _meter = meter;
        _io = io;
    }

    /// <summary>The sensor being calibrated against.</summary>
    public MeterSourceInfo Meter => _meter.Source;

    /// <summary>
    /// Opens the best readable sensor under <paramref name="root"/>; null, with the reason in
    /// <paramref name="whyNot"/>, when there is none (calibrating against the model itself would be circular).
    /// </summary>
    public static DeviceCalibration? Open(string root, out string? whyNot)
    {
        var choice = SensorDiscovery.Choose(root, MeterKind.Auto);
        var io = new IoCounters();
        // The model only sets the plausibility ceiling here: make it generous, the fit decides the real figures.
        var generous = new EnergyModel(0, 500, 0, 0);
        var meter = new EnergyMeter(choice, MeterKind.Auto, generous, new ProcessActivity(io), TimeProvider.System);
        if (meter.Source.Kind == MeterKind.Model)
        {
            whyNot = meter.Source.FallbackReason;
            meter.Dispose();
            return null;
        }

        meter.StartSampling(TimeSpan.FromMilliseconds(100));
        whyNot = null;
        return new DeviceCalibration(meter, io);
    }

    /// <summary>Runs every probe for <paramref name="probeTime"/>, with scratch files in <paramref name="directory"/>.</summary>
    public IReadOnlyList<CalibrationProbe> RunProbes(string directory, TimeSpan probeTime, Action<CalibrationProbe>? finished = null) =>
        new CalibrationRunner(_meter, _io, directory, probeTime).Run(finished);

    /// <summary>Stops the meter.</summary>
    public void Dispose() => _meter.Dispose();
}

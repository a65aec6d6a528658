using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Miro.Runtime.Energy.Calibration;

namespace Miro.Cli;

/// <summary>
/// <c>miro calibrate [--root DIR] [--dir DIR] [--seconds S]</c>: measures this device with its real
/// energy sensor and prints a <c>device</c> block with fitted model coefficients. Exits 1 where no
/// sensor is readable, since there is then nothing to fit against.
/// </summary>
internal static class CalibrateCommand
{
    public const string Usage = "calibrate [--root DIR] [--dir DIR] [--seconds S]   fit the energy model to this device's meter";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = "/";
        var dir = Directory.GetCurrentDirectory();
        var seconds = 3.0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--root" when value is not null:
                    root = value;
                    i++;
                    break;
                case "--dir" when value is not null:
                    dir = value;
                    i++;
                    break;
                case "--seconds" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                default:
                    stderr.WriteLine($"miro calibrate: unexpected argument '{args[i]}'.");
                    stderr.WriteLine("usage: miro " + Usage);
                    return Task.FromResult(Program.ExitCodes.Usage);
            }
        }

        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"miro calibrate: the folder '{dir}' does not exist; pass --dir with a folder on the device's flash storage.");
            return Task.FromResult(Program.ExitCodes.Usage);
        }

        using var calibration = DeviceCalibration.Open(root, out var whyNot);
        if (calibration is null)
        {
            stderr.WriteLine($"miro calibrate: {whyNot}");
            stderr.WriteLine("Calibration fits the energy model to a real meter, and none is readable here. Run it on the target device, " +
                "or put the power and storage figures from the device's datasheet in the spec's device block with `meter model`.");
            return Task.FromResult(Program.ExitCodes.Failed);
        }

        stdout.WriteLine($"Calibrating with {calibration.Meter.Description}, {seconds.ToString(CultureInfo.InvariantCulture)} s per probe.");
        var probes = calibration.RunProbes(dir, TimeSpan.FromSeconds(seconds), p => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {p.Name,-14} {p.WallSeconds,6:F2} s  cpu {p.CpuSeconds,6:F2} s  read {p.BytesRead / 1e6,8:F1} MB  written {p.BytesWritten / 1e6,8:F1} MB  {p.Joules,8:F2} J")));

        var fit = CalibrationFit.Fit(probes, Environment.ProcessorCount);
        if (fit.Model is null)
        {
            stderr.WriteLine($"miro calibrate: {fit.Error}");
            return Task.FromResult(Program.ExitCodes.Failed);
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fit residual: {fit.RmsResidualJoules:F3} J RMS over {probes.Count} probes. Paste into the spec:"));
        stdout.WriteLine();
        stdout.Write(DeviceBlockFormatter.Format(fit.Model, calibration.Meter.Kind, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, new DriveInfo(Path.GetFullPath(dir)).TotalSize));
        return Task.FromResult(Program.ExitCodes.Ok);
    }
}

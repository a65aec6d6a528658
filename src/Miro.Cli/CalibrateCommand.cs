using System;
using System.Globalization;
using System.IO;
using System.CommandLine;
using Miro.Runtime.Energy.Calibration;

namespace Miro.Cli;

/// <summary>
/// <c>miro calibrate [--root DIR] [--dir DIR] [--seconds S]</c>: measures this device with its real
/// energy sensor and prints a <c>device</c> block with fitted model coefficients. Exits 1 where no
/// sensor is readable, since there is then nothing to fit against.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "The file-system root to look for sensors under (for testing on a copy of /sys).", DefaultValueFactory = _ => "/", HelpName = "DIR" };
        var dir = new Option<string>("--dir") { Description = "A folder on the device's flash storage for the I/O probes (default: the current folder).", HelpName = "DIR" };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per probe.", DefaultValueFactory = _ => 3.0, HelpName = "S" };
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not > 0) r.AddError("--seconds must be a positive number of seconds (e.g. 3).");
        });
        var command = new Command("calibrate", "Fit the energy model to this device's meter; prints a device block for the spec (exit 1 without a readable sensor).") { root, dir, seconds };
        command.SetAction(parse => Run(parse.GetRequiredValue(root), parse.GetValue(dir) ?? Directory.GetCurrentDirectory(), parse.GetValue(seconds),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string root, string dir, double seconds, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"miro calibrate: the folder '{dir}' does not exist; pass --dir with a folder on the device's flash storage.");
            return Program.ExitCodes.Usage;
        }

        using var calibration = DeviceCalibration.Open(root, out var whyNot);
        if (calibration is null)
        {
            stderr.WriteLine($"miro calibrate: {whyNot}");
            stderr.WriteLine("Calibration fits the energy model to a real meter, and none is readable here. Run it on the target device, " +
                "or put the power and storage figures from the device's datasheet in the spec's device block with `meter model`.");
            return Program.ExitCodes.Failed;
        }

        stdout.WriteLine($"Calibrating with {calibration.Meter.Description}, {seconds.ToString(CultureInfo.InvariantCulture)} s per probe.");
        var probes = calibration.RunProbes(dir, TimeSpan.FromSeconds(seconds), p => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {p.Name,-14} {p.WallSeconds,6:F2} s  cpu {p.CpuSeconds,6:F2} s  read {p.BytesRead / 1e6,8:F1} MB  written {p.BytesWritten / 1e6,8:F1} MB  {p.Joules,8:F2} J")));

        var fit = CalibrationFit.Fit(probes, Environment.ProcessorCount);
        if (fit.Model is null)
        {
            stderr.WriteLine($"miro calibrate: {fit.Error}");
            return Program.ExitCodes.Failed;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fit residual: {fit.RmsResidualJoules:F3} J RMS over {probes.Count} probes. Paste into the spec:"));
        stdout.WriteLine();
        stdout.Write(DeviceBlockFormatter.Format(fit.Model, calibration.Meter.Kind, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, new DriveInfo(Path.GetFullPath(dir)).TotalSize));
        return Program.ExitCodes.Ok;
    }
}

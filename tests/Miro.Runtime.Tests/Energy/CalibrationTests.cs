using System;
using System.IO;
using System.Linq;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Calibration;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class CalibrationTests
{
    private static readonly EnergyModel Truth = new(1.9, 6.5, 3.6e-9, 6.3e-9);

    private static CalibrationProbe Probe(string name, double wall, double cpu, long read, long written, double noise = 0) =>
        new(name, wall, cpu, read, written, Truth.Estimate(wall, cpu, 2, read, written) * (1 + noise));

    private static CalibrationProbe[] SyntheticProbes(Random? noise = null)
    {
        double N() => noise is null ? 0 : (noise.NextDouble() - 0.5) * 0.02;
        return new[]
        {
            Probe("idle", 3, 0.01, 0, 0, N()),
            Probe("gemm 1 core", 3, 3, 0, 0, N()),
            Probe("gemm 2 cores", 3, 6, 0, 0, N()),
            Probe("memcopy", 3, 3, 0, 0, N()),
            Probe("write+fsync", 3, 0.6, 0, 400_000_000, N()),
            Probe("read", 3, 0.9, 900_000_000, 0, N()),
        };
    }

    [Fact]
    public void Fit_recovers_the_coefficients_that_generated_exact_probes()
    {
        var fit = CalibrationFit.Fit(SyntheticProbes(), 2);
        Assert.Null(fit.Error);
        var model = fit.Model!;
        Assert.Equal(Truth.IdleWatts, model.IdleWatts, 6);
        Assert.Equal(Truth.ActiveWatts, model.ActiveWatts, 6);
        Assert.Equal(Truth.ReadJoulesPerByte, model.ReadJoulesPerByte, 15);
        Assert.Equal(Truth.WriteJoulesPerByte, model.WriteJoulesPerByte, 15);
        Assert.True(fit.RmsResidualJoules < 1e-6);
    }

    [Fact]
    public void Fit_stays_close_on_noisy_probes()
    {
        var fit = CalibrationFit.Fit(SyntheticProbes(new Random(7)), 2);
        var model = fit.Model!;
        Assert.InRange(model.IdleWatts, 1.9 * 0.9, 1.9 * 1.1);
        Assert.InRange(model.ActiveWatts, 6.5 * 0.95, 6.5 * 1.05);
        Assert.InRange(model.ReadJoulesPerByte, 3.6e-9 * 0.5, 3.6e-9 * 1.5);
        Assert.InRange(model.WriteJoulesPerByte, 6.3e-9 * 0.5, 6.3e-9 * 1.5);
    }

    [Fact]
    public void Fit_without_a_write_probe_says_what_is_missing()
    {
        var probes = SyntheticProbes().Where(p => p.BytesWritten == 0).ToArray();
        var fit = CalibrationFit.Fit(probes, 2);
        Assert.Null(fit.Model);
        Assert.Contains("writes", fit.Error);
    }

    [Fact]
    public void Coefficient_that_fits_negative_is_refused_naming_the_probe()
    {
        // A meter that sees no I/O cost at all, plus a little noise that would make e_read negative:
        // pinned at zero, it would print `read 0 nJ/B`, a block `miro check` rejects.
        var probes = SyntheticProbes().Select(p => p with { Joules = 1.9 * p.WallSeconds + 4.6 * Math.Min(1, p.CpuSeconds / (2 * p.WallSeconds)) * p.WallSeconds - p.BytesRead * 1e-11 }).ToArray();
        var fit = CalibrationFit.Fit(probes, 2);
        Assert.Null(fit.Model);
        Assert.Contains("read energy 0 nJ/B (non-positive)", fit.Error);
        Assert.Contains("probe 'read'", fit.Error);
    }

    [Fact]
    public void Sensor_that_did_not_move_is_refused_naming_the_probes()
    {
        var all = SyntheticProbes().Select(p => p with { Joules = 0 }).ToArray();
        var none = CalibrationFit.Fit(all, 2);
        Assert.Null(none.Model);
        Assert.Contains("did not move during any probe", none.Error);

        var one = SyntheticProbes().Select(p => p.Name == "memcopy" ? p with { Joules = 0 } : p).ToArray();
        var fit = CalibrationFit.Fit(one, 2);
        Assert.Null(fit.Model);
        Assert.Contains("did not move during probe 'memcopy'", fit.Error);
    }

    [Fact]
    public void Device_block_is_written_in_spec_units()
    {
        var block = DeviceBlockFormatter.Format(Truth, Miro.Dsl.Model.MeterKind.Ina3221, 4L << 30, 16L << 30);
        Assert.Contains("dram 4 GiB", block);
        Assert.Contains("{ read 3.6 nJ/B  write 6.3 nJ/B }", block);
        Assert.Contains("power { idle 1.9 W  active 6.5 W }", block);
        Assert.Contains("meter ina3221", block);
    }

    [Fact]
    public void Printed_device_block_compiles_into_the_fitted_coefficients()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "examples/specs/quickstart.miro"))) dir = dir.Parent;
        var quickstart = File.ReadAllText(Path.Combine(dir!.FullName, "examples/specs/quickstart.miro"));
        var start = quickstart.IndexOf("device {", StringComparison.Ordinal);
        var end = quickstart.IndexOf('}', quickstart.IndexOf("meter", start, StringComparison.Ordinal)) + 1;
        var block = DeviceBlockFormatter.Format(Truth, Miro.Dsl.Model.MeterKind.Rapl, 8L << 30, 64L << 30);
        var text = quickstart[..start] + block + quickstart[end..];

        var compiled = Miro.Dsl.MiroCompiler.Compile(text, "calibrated.miro");
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics.Select(d => d.ToString())));
        var device = compiled.Policies[0].Device;
        Assert.Equal(Truth, EnergyModel.FromDevice(device) with { ReadJoulesPerByte = Math.Round(device.Storage!.ReadJoulesPerByte, 15), WriteJoulesPerByte = Math.Round(device.Storage.WriteJoulesPerByte, 15) });
        Assert.Equal(Miro.Dsl.Model.MeterKind.Rapl, device.Meter);
        Assert.Equal(8L << 30, device.DramBytes);
    }

    [Fact]
    public void Without_a_sensor_calibration_refuses_and_explains()
    {
        using var sysfs = new FakeSysfs();
        Assert.Null(DeviceCalibration.Open(sysfs.Root, out var whyNot));
        Assert.Contains("no readable energy sensor", whyNot);
    }

    [Fact]
    public void Probes_exercise_cpu_and_storage_and_are_measured_by_the_sensor()
    {
        using var sysfs = new FakeSysfs().Write("sys/class/power_supply/BAT0/power_now", 5_000_000); // a steady 5 W
        using var calibration = DeviceCalibration.Open(sysfs.Root, out _)!;
        var scratch = Directory.CreateDirectory(sysfs.PathOf("scratch")).FullName;
        var probes = calibration.RunProbes(scratch, TimeSpan.FromMilliseconds(150)).ToDictionary(p => p.Name);

        // The compute probes busy-loop, so they use CPU time however loaded the machine is; how
        // much (and whether more than the idle probe, whose figure includes other threads of this
        // process) depends on the machine's load, so it is not compared here.
        Assert.True(probes["gemm 1 core"].CpuSeconds > 0);
        Assert.True(probes["memcopy"].CpuSeconds > 0);
        Assert.True(probes["write+fsync"].BytesWritten > 0);
        Assert.True(probes["read"].BytesRead > 0);
        foreach (var p in probes.Values) Assert.InRange(p.Joules, 5 * p.WallSeconds * 0.8, 5 * p.WallSeconds * 1.2);
        Assert.Empty(Directory.GetFiles(scratch));
    }
}

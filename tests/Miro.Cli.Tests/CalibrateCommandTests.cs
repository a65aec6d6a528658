using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Miro.Cli.Tests;

public sealed class CalibrateCommandTests
{
    [Fact]
    public async Task Calibrate_without_a_sensor_says_so_and_exits_non_zero()
    {
        var root = Directory.CreateTempSubdirectory("miro-empty-sysfs-").FullName;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CalibrateCommand.RunAsync(new[] { "--root", root }, stdout, stderr);

            Assert.Equal(Program.ExitCodes.Failed, code);
            Assert.Contains("no readable energy sensor", stderr.ToString());
            Assert.Contains("meter model", stderr.ToString());
            Assert.Equal("", stdout.ToString());
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task Calibrate_rejects_unknown_arguments_with_usage()
    {
        var stderr = new StringWriter();
        var code = await CalibrateCommand.RunAsync(new[] { "--bogus" }, new StringWriter(), stderr);
        Assert.Equal(Program.ExitCodes.Usage, code);
        Assert.Contains("usage: miro calibrate", stderr.ToString());
    }

    [Fact]
    public async Task Calibrate_on_a_stuck_counter_is_refused_naming_the_probe()
    {
        var root = Directory.CreateTempSubdirectory("miro-sysfs-").FullName;
        try
        {
            var zone = Path.Combine(root, "sys/class/powercap/intel-rapl:0");
            Directory.CreateDirectory(zone);
            File.WriteAllText(Path.Combine(zone, "name"), "package-0\n");
            File.WriteAllText(Path.Combine(zone, "energy_uj"), "123456\n");
            File.WriteAllText(Path.Combine(zone, "max_energy_range_uj"), "262143328850\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CalibrateCommand.RunAsync(new[] { "--root", root, "--dir", root, "--seconds", "0.05" }, stdout, stderr);

            Assert.Equal(Program.ExitCodes.Failed, code);
            Assert.Contains("did not move during any probe", stderr.ToString());
            Assert.Contains("'idle'", stderr.ToString());
            Assert.DoesNotContain("device {", stdout.ToString());
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task Calibrate_with_a_sensor_blind_to_storage_refuses_a_zero_storage_energy()
    {
        var root = Directory.CreateTempSubdirectory("miro-sysfs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sys/class/power_supply/BAT0"));
            File.WriteAllText(Path.Combine(root, "sys/class/power_supply/BAT0/power_now"), "4000000\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CalibrateCommand.RunAsync(new[] { "--root", root, "--dir", root, "--seconds", "0.1" }, stdout, stderr);

            // A steady 4 W whatever the load: storage costs nothing, and `miro check` rejects `read 0 nJ/B`.
            Assert.Equal(Program.ExitCodes.Failed, code);
            Assert.Contains("energy 0 nJ/B (non-positive)", stderr.ToString());
            Assert.DoesNotContain("device {", stdout.ToString());
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}

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
            var (code, stdout, stderr) = await CliRunner.InvokeAsync(["calibrate", "--root", root]);

            Assert.Equal(Program.ExitCodes.Failed, code);
            Assert.Contains("no readable energy sensor", stderr);
            Assert.Contains("meter model", stderr);
            Assert.Equal("", stdout);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task Calibrate_rejects_unknown_arguments_with_usage()
    {
        var (code, stdout, stderr) = await CliRunner.InvokeAsync(["calibrate", "--bogus"]);
        Assert.Equal(Program.ExitCodes.Usage, code);
        Assert.Contains("--bogus", stderr);
        Assert.Contains("miro calibrate --help", stderr);
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
            var (code, stdout, stderr) = await CliRunner.InvokeAsync(["calibrate", "--root", root, "--dir", root, "--seconds", "0.05"]);

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
}

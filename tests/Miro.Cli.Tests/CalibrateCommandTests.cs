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
    public async Task Calibrate_with_a_sensor_prints_a_device_block()
    {
        var root = Directory.CreateTempSubdirectory("miro-sysfs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sys/class/power_supply/BAT0"));
            File.WriteAllText(Path.Combine(root, "sys/class/power_supply/BAT0/power_now"), "4000000\n");
            var (code, stdout, stderr) = await CliRunner.InvokeAsync(["calibrate", "--root", root, "--dir", root, "--seconds", "0.1"]);

            // A steady 4 W whatever the load: the fit must find 4 W idle and no dynamic power.
            Assert.True(code == Program.ExitCodes.Ok, stderr);
            Assert.Contains("device {", stdout);
            Assert.Contains("meter battery", stdout);
            Assert.Matches(@"idle (3\.[89]\d*|4(\.[01]\d*)?) W", stdout);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}

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
    public async Task Calibrate_with_a_sensor_prints_a_device_block()
    {
        var root = Directory.CreateTempSubdirectory("miro-sysfs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sys/class/power_supply/BAT0"));
            File.WriteAllText(Path.Combine(root, "sys/class/power_supply/BAT0/power_now"), "4000000\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CalibrateCommand.RunAsync(new[] { "--root", root, "--dir", root, "--seconds", "0.1" }, stdout, stderr);

            // A steady 4 W whatever the load: the fit must find 4 W idle and no dynamic power.
            Assert.True(code == Program.ExitCodes.Ok, stderr.ToString());
            Assert.Contains("device {", stdout.ToString());
            Assert.Contains("meter battery", stdout.ToString());
            Assert.Matches(@"idle (3\.[89]\d*|4(\.[01]\d*)?) W", stdout.ToString());
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}

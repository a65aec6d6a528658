using Miro.Dsl.Model;
using Miro.Runtime.Energy.Sources;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class SensorChoiceTests
{
    private static FakeSysfs Everything() => new FakeSysfs()
        .Write("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon4/in1_label", "VDD_IN")
        .Write("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon4/in1_input", 5000)
        .Write("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon4/curr1_input", 1000)
        .Write("sys/class/powercap/intel-rapl:0/name", "package-0")
        .Write("sys/class/powercap/intel-rapl:0/energy_uj", 1)
        .Write("sys/class/hwmon/hwmon0/name", "amd_energy")
        .Write("sys/class/hwmon/hwmon0/energy1_input", 1)
        .Write("sys/class/power_supply/BAT0/power_now", 5_000_000);

    [Fact]
    public void Whole_board_beats_package_beats_battery()
    {
        using var sysfs = Everything();
        Assert.Equal(MeterKind.Ina3221, SensorDiscovery.Choose(sysfs.Root, MeterKind.Auto).Source!.Kind);
        sysfs.Delete("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon4/in1_label");
        Assert.Equal(MeterKind.Rapl, SensorDiscovery.Choose(sysfs.Root, MeterKind.Auto).Source!.Kind);
        sysfs.Delete("sys/class/powercap/intel-rapl:0/energy_uj");
        Assert.Equal(MeterKind.Hwmon, SensorDiscovery.Choose(sysfs.Root, MeterKind.Auto).Source!.Kind);
        sysfs.Delete("sys/class/hwmon/hwmon0/energy1_input");
        Assert.Equal(MeterKind.Battery, SensorDiscovery.Choose(sysfs.Root, MeterKind.Auto).Source!.Kind);
    }

    [Theory]
    [InlineData(MeterKind.Rapl)]
    [InlineData(MeterKind.Hwmon)]
    [InlineData(MeterKind.Battery)]
    [InlineData(MeterKind.Ina3221)]
    public void Spec_can_force_a_sensor_kind(MeterKind forced)
    {
        using var sysfs = Everything();
        Assert.Equal(forced, SensorDiscovery.Choose(sysfs.Root, forced).Source!.Kind);
    }

    [Fact]
    public void Forced_sensor_that_is_absent_falls_back_to_the_model_and_says_which()
    {
        using var sysfs = new FakeSysfs().Write("sys/class/power_supply/BAT0/power_now", 5_000_000);
        var choice = SensorDiscovery.Choose(sysfs.Root, MeterKind.Rapl);
        Assert.Null(choice.Source);
        Assert.Contains("'rapl'", choice.FallbackReason);
        Assert.Contains("intel-rapl", choice.FallbackReason);
    }

    [Fact]
    public void Unparsable_sensor_is_skipped_with_the_file_named_in_the_reason()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/powercap/intel-rapl:0/name", "package-0")
            .Write("sys/class/powercap/intel-rapl:0/energy_uj", "n/a");
        var choice = SensorDiscovery.Choose(sysfs.Root, MeterKind.Auto);
        Assert.Null(choice.Source);
        Assert.Contains("energy_uj", choice.FallbackReason);
        Assert.Contains("expected an integer", choice.FallbackReason);
    }
}

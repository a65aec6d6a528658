using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class Ina3221Tests
{
    private const string Jp5 = "sys/bus/i2c/drivers/ina3221";
    private const string Jp4 = "sys/bus/i2c/drivers/ina3221x";

    private static void Rail(FakeSysfs sysfs, string hwmon, int n, string label, long millivolts, long milliamps) =>
        sysfs.Write($"{hwmon}/in{n}_label", label).Write($"{hwmon}/in{n}_input", millivolts).Write($"{hwmon}/curr{n}_input", milliamps);

    [Fact]
    public void JetPack5_layout_reads_the_VDD_IN_rail_as_voltage_times_current()
    {
        using var sysfs = new FakeSysfs();
        var hwmon = $"{Jp5}/1-0040/hwmon/hwmon3";
        Rail(sysfs, hwmon, 1, "VDD_IN", 5000, 1000);            // 5 W: the whole module
        Rail(sysfs, hwmon, 2, "VDD_CPU_GPU_CV", 5000, 400);     // part of VDD_IN: must not be added
        Rail(sysfs, hwmon, 3, "VDD_SOC", 5000, 300);
        sysfs.Write($"{hwmon}/in7_label", "sum of shunt voltages").Write($"{hwmon}/in7_input", 40);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        for (var i = 0; i < 10; i++) h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Ina3221, snapshot.Source.Kind);
        Assert.Contains("VDD_IN", snapshot.Source.Description);
        Assert.Equal(EnergyProvenance.IntegratedPower, snapshot.Source.Provenance);
        Assert.Equal(5.0, snapshot.TotalJoules, 9);
        Assert.Equal(5.0, snapshot[EnergyPhase.Idle].IntegratedPowerJoules, 9);
    }

    [Theory]
    [InlineData("hwmon2", "hwmon9")]
    [InlineData("hwmon9", "hwmon2")]
    public void Rail_is_found_by_label_whatever_the_hwmon_numbers(string firstChip, string secondChip)
    {
        using var sysfs = new FakeSysfs();
        Rail(sysfs, $"{Jp5}/1-0040/hwmon/{firstChip}", 1, "VDD_GPU_SOC", 5000, 2000);
        Rail(sysfs, $"{Jp5}/1-0041/hwmon/{secondChip}", 1, "VDD_IN", 5000, 1400); // 7 W
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 10));
        for (var i = 0; i < 10; i++) h.Step();

        Assert.Contains("VDD_IN", h.Meter.Source.Description);
        Assert.Equal(7.0, h.Meter.Snapshot().TotalJoules, 9);
    }

    [Fact]
    public void Without_VDD_IN_the_rails_are_summed_and_NC_rails_skipped()
    {
        using var sysfs = new FakeSysfs();
        var hwmon = $"{Jp5}/1-0040/hwmon/hwmon1";
        Rail(sysfs, hwmon, 1, "VDD_CPU", 5000, 200);   // 1 W
        Rail(sysfs, hwmon, 2, "VDD_GPU", 5000, 400);   // 2 W
        Rail(sysfs, hwmon, 3, "NC", 5000, 5000);       // floating input: 25 W of noise if counted
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        for (var i = 0; i < 10; i++) h.Step();

        Assert.DoesNotContain("NC", h.Meter.Source.Description);
        Assert.Equal(3.0, h.Meter.Snapshot().TotalJoules, 9);
    }

    [Fact]
    public void JetPack4_layout_reads_in_power_milliwatts_by_rail_name()
    {
        using var sysfs = new FakeSysfs();
        var iio = $"{Jp4}/6-0040/iio:device0";
        sysfs.Write($"{iio}/rail_name_0", "POM_5V_IN").Write($"{iio}/in_power0_input", 4000)
            .Write($"{iio}/rail_name_1", "POM_5V_GPU").Write($"{iio}/in_power1_input", 1000)
            .Write($"{iio}/rail_name_2", "POM_5V_CPU").Write($"{iio}/in_power2_input", 1500);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        for (var i = 0; i < 10; i++) h.Step();

        Assert.Equal(MeterKind.Ina3221, h.Meter.Source.Kind);
        Assert.Contains("POM_5V_IN", h.Meter.Source.Description);
        Assert.Equal(4.0, h.Meter.Snapshot().TotalJoules, 9);
    }

    [Fact]
    public void JetPack4_layout_on_TX2_uses_VDD_IN_among_iio_devices()
    {
        using var sysfs = new FakeSysfs();
        sysfs.Write($"{Jp4}/0-0040/iio:device0/rail_name_0", "VDD_SYS_GPU").Write($"{Jp4}/0-0040/iio:device0/in_power0_input", 3000)
            .Write($"{Jp4}/0-0041/iio:device1/rail_name_0", "VDD_IN").Write($"{Jp4}/0-0041/iio:device1/in_power0_input", 6000)
            .Write($"{Jp4}/0-0041/iio:device1/rail_name_1", "NC").Write($"{Jp4}/0-0041/iio:device1/in_power1_input", 99000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 10));
        for (var i = 0; i < 5; i++) h.Step();

        Assert.Equal(3.0, h.Meter.Snapshot().TotalJoules, 9);
    }
}

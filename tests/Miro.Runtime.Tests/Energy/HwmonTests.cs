using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class HwmonTests
{
    [Fact]
    public void Energy_counters_labelled_as_socket_totals_are_used_without_the_per_core_ones()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/hwmon/hwmon3/name", "amd_energy")
            .Write("sys/class/hwmon/hwmon3/energy1_label", "Ecore000").Write("sys/class/hwmon/hwmon3/energy1_input", 0)
            .Write("sys/class/hwmon/hwmon3/energy2_label", "Esocket0").Write("sys/class/hwmon/hwmon3/energy2_input", 0);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        sysfs.Write("sys/class/hwmon/hwmon3/energy1_input", 200_000).Write("sys/class/hwmon/hwmon3/energy2_input", 500_000);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Hwmon, snapshot.Source.Kind);
        Assert.Equal(0.5, snapshot.TotalJoules, 9);
        Assert.Equal(EnergyProvenance.Counter, snapshot.Source.Provenance);
    }

    [Fact]
    public void Power_inputs_in_microwatts_are_integrated_when_there_is_no_energy_counter()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/hwmon/hwmon0/name", "rpi_volt") // no energy, no power: skipped
            .Write("sys/class/hwmon/hwmon0/in0_lcrit_alarm", 0)
            .Write("sys/class/hwmon/hwmon5/name", "some_pmic")
            .Write("sys/class/hwmon/hwmon5/power1_input", 3_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        for (var i = 0; i < 10; i++) h.Step();

        Assert.Contains("some_pmic", h.Meter.Source.Description);
        Assert.Equal(3.0, h.Meter.Snapshot().TotalJoules, 9);
    }

    [Fact]
    public void Ina3221_hwmon_devices_are_left_to_the_rail_aware_discovery()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/hwmon/hwmon1/name", "ina3221")
            .Write("sys/class/hwmon/hwmon1/power1_input", 99_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(MeterKind.Hwmon));
        Assert.Equal(MeterKind.Model, h.Meter.Source.Kind);
        Assert.Contains("'hwmon'", h.Meter.Source.FallbackReason);
    }
}

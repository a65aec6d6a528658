using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class BatteryTests
{
    [Theory]
    [InlineData(1_500_000)]
    [InlineData(-1_500_000)]
    public void Battery_power_is_current_times_voltage_whatever_the_sign(long microamps)
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/power_supply/BAT0/current_now", microamps)
            .Write("sys/class/power_supply/BAT0/voltage_now", 12_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 20));
        for (var i = 0; i < 10; i++) h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Battery, snapshot.Source.Kind);
        Assert.Equal(18.0, snapshot.TotalJoules, 9); // 1.5 A × 12 V for 1 s
        Assert.Equal(EnergyProvenance.IntegratedPower, snapshot[EnergyPhase.Idle].Provenance);
    }

    [Fact]
    public void Battery_power_now_in_microwatts_is_preferred_over_current_and_voltage()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/power_supply/BAT1/power_now", -9_000_000)
            .Write("sys/class/power_supply/BAT1/current_now", 1)
            .Write("sys/class/power_supply/BAT1/voltage_now", 1);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 20));
        for (var i = 0; i < 10; i++) h.Step();

        Assert.Equal(9.0, h.Meter.Snapshot().TotalJoules, 9);
    }

    [Fact]
    public void Mains_adapters_are_not_batteries()
    {
        using var sysfs = new FakeSysfs().Write("sys/class/power_supply/AC/online", 1);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        Assert.Equal(MeterKind.Model, h.Meter.Source.Kind);
    }
}

public sealed class ChargingBatteryTests
{
    [Theory]
    [InlineData("Charging")]
    [InlineData("Full")]
    public void Battery_on_mains_power_does_not_measure_the_device(string status)
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/power_supply/BAT0/status", status)
            .Write("sys/class/power_supply/BAT0/power_now", 25_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        Assert.Equal(MeterKind.Model, h.Meter.Source.Kind);
        Assert.Contains(status, h.Meter.Source.FallbackReason);
    }

    [Fact]
    public void Discharging_battery_is_used()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/power_supply/BAT0/status", "Discharging")
            .Write("sys/class/power_supply/BAT0/power_now", 5_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        Assert.Equal(MeterKind.Battery, h.Meter.Source.Kind);
    }
}

using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class RaplCounterTests
{
    private const long Max = 262_143_328_850; // a real package's max_energy_range_uj
    private const string Package = "sys/class/powercap/intel-rapl:0";
    private const string Dram = "sys/class/powercap/intel-rapl:0:2";

    private static FakeSysfs Tree(long packageStart, long? max = Max, long? dramStart = null)
    {
        var sysfs = new FakeSysfs().Write($"{Package}/name", "package-0").Write($"{Package}/energy_uj", packageStart);
        if (max is long m) sysfs.Write($"{Package}/max_energy_range_uj", m);
        if (dramStart is long d)
            sysfs.Write($"{Dram}/name", "dram").Write($"{Dram}/energy_uj", d).Write($"{Dram}/max_energy_range_uj", 65_712_999_613);
        // A core sub-zone is part of the package: it must not be counted again.
        sysfs.Write("sys/class/powercap/intel-rapl:0:0/name", "core").Write("sys/class/powercap/intel-rapl:0:0/energy_uj", 123);
        return sysfs;
    }

    [Fact]
    public void Package_and_dram_deltas_add_up_as_counter_energy()
    {
        using var sysfs = Tree(1_000_000, dramStart: 5_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        sysfs.Write($"{Package}/energy_uj", 1_400_000).Write($"{Dram}/energy_uj", 5_100_000);
        sysfs.Write("sys/class/powercap/intel-rapl:0:0/energy_uj", 999_999);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Rapl, snapshot.Source.Kind);
        Assert.Equal(0.5, snapshot.TotalJoules, 9);
        Assert.Equal(EnergyProvenance.Counter, snapshot[EnergyPhase.Idle].Provenance);
        Assert.Empty(snapshot.Events);
    }

    [Fact]
    public void Counter_that_wraps_once_adds_the_distance_to_the_maximum()
    {
        using var sysfs = Tree(Max - 200_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        sysfs.Write($"{Package}/energy_uj", 300_000);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(0.5, snapshot.TotalJoules, 9);
        Assert.Equal(0.5, snapshot[EnergyPhase.Idle].CounterJoules, 9);
        Assert.Empty(snapshot.Events);
    }

    [Fact]
    public void Counter_reaching_exactly_the_maximum_then_wrapping_loses_nothing()
    {
        using var sysfs = Tree(Max - 10);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        sysfs.Write($"{Package}/energy_uj", Max);
        h.Step();
        sysfs.Write($"{Package}/energy_uj", 0);
        h.Step();
        sysfs.Write($"{Package}/energy_uj", 90);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(100e-6, snapshot.TotalJoules, 12);
        Assert.Equal(EnergyProvenance.Counter, snapshot[EnergyPhase.Idle].Provenance);
    }

    [Fact]
    public void Counter_reset_is_flagged_and_the_interval_filled_by_the_model()
    {
        using var sysfs = Tree(100_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        sysfs.Write($"{Package}/energy_uj", 100_300_000);
        h.Step();
        // Reset to near zero: read as a wrap it would mean ~2.6 MW for 100 ms.
        sysfs.Write($"{Package}/energy_uj", 10_000);
        h.Step();
        sysfs.Write($"{Package}/energy_uj", 410_000);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        var reset = Assert.Single(snapshot.Events);
        Assert.Equal(MeterEventKind.CounterReset, reset.Kind);
        // 0.3 J + 0.4 J counted; the reset interval is 100 ms at idle power 2 W by the model (no CPU time).
        Assert.Equal(0.7, snapshot[EnergyPhase.Idle].CounterJoules, 9);
        Assert.Equal(0.2, snapshot[EnergyPhase.Idle].ModelJoules, 9);
        Assert.Equal(0.2, reset.ModelFilledJoules, 9);
        Assert.Equal(EnergyProvenance.Model, snapshot[EnergyPhase.Idle].Provenance);
    }

    [Fact]
    public void Without_max_energy_range_a_backwards_step_is_a_reset_not_a_wrap()
    {
        using var sysfs = Tree(Max - 200_000, max: null);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        sysfs.Write($"{Package}/energy_uj", Max - 100_000);
        h.Step();
        sysfs.Write($"{Package}/energy_uj", 300_000);
        h.Step();

        var snapshot = h.Meter.Snapshot();
        var reset = Assert.Single(snapshot.Events);
        Assert.Equal(MeterEventKind.CounterReset, reset.Kind);
        Assert.Contains("max_energy_range_uj", reset.Message);
        Assert.Contains("energy_uj", reset.Message);
        Assert.Equal(0.1, snapshot[EnergyPhase.Idle].CounterJoules, 9);
        Assert.Equal(0.2, snapshot[EnergyPhase.Idle].ModelJoules, 9);
    }

    [Fact]
    public void Implausibly_large_delta_is_flagged_and_replaced_by_the_model()
    {
        using var sysfs = Tree(0);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        sysfs.Write($"{Package}/energy_uj", 50_000_000); // 50 J in 100 ms = 500 W on a 6 W board
        h.Step();

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterEventKind.ImplausibleReading, Assert.Single(snapshot.Events).Kind);
        Assert.Equal(0.2, snapshot.TotalJoules, 9);
        Assert.Equal(EnergyProvenance.Model, snapshot[EnergyPhase.Idle].Provenance);
    }

    [Fact]
    public void Psys_zone_is_preferred_as_the_whole_platform()
    {
        using var sysfs = Tree(0);
        sysfs.Write("sys/class/powercap/intel-rapl:1/name", "psys").Write("sys/class/powercap/intel-rapl:1/energy_uj", 0);
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        Assert.Contains("psys", h.Meter.Source.Description);
        Assert.Equal(EnergyProvenance.Counter, h.Meter.Source.Provenance);
    }
}

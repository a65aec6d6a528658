using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class EnergyModelTests
{
    private static readonly EnergyModel Nano = EnergyModel.FromDevice(TestDevices.Nano());

    [Fact]
    public void Coefficients_come_from_the_device_block()
    {
        var model = EnergyModel.FromDevice(TestDevices.Nano(idle: 1.25, active: 7.5, read: 2e-9, write: 9e-9));
        Assert.Equal(new EnergyModel(1.25, 7.5, 2e-9, 9e-9), model);
        // 10 s, both cores half busy, 1 GB read, 0.5 GB written.
        var expected = 1.25 * 10 + (7.5 - 1.25) * 0.5 * 10 + 2e-9 * 1e9 + 9e-9 * 5e8;
        Assert.Equal(expected, model.Estimate(10, 10, 2, 1_000_000_000, 500_000_000), 9);
    }

    [Fact]
    public void Device_without_storage_charges_nothing_for_bytes()
    {
        var device = new DeviceSpec(1L << 30, null, new PowerSpec(2, 5), MeterKind.Model, null);
        var model = EnergyModel.FromDevice(device);
        Assert.Equal(model.Estimate(1, 0, 1, 0, 0), model.Estimate(1, 0, 1, 1 << 30, 1 << 30));
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.0, 1.9)]
    [InlineData(3.9, 4.0)]
    public void More_cpu_time_means_more_joules(double lessCpu, double moreCpu)
    {
        Assert.True(Nano.Estimate(2, moreCpu, 2, 0, 0) > Nano.Estimate(2, lessCpu, 2, 0, 0));
    }

    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(1_000L, 1_000_000L)]
    public void More_bytes_read_or_written_means_more_joules(long fewer, long more)
    {
        Assert.True(Nano.Estimate(1, 0.5, 2, more, 0) > Nano.Estimate(1, 0.5, 2, fewer, 0));
        Assert.True(Nano.Estimate(1, 0.5, 2, 0, more) > Nano.Estimate(1, 0.5, 2, 0, fewer));
    }

    [Fact]
    public void Meter_without_sensors_uses_the_model_on_measured_activity_and_says_why()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6, read: 1e-9, write: 2e-9));
        using (h.Meter.Enter(EnergyPhase.TrainCompute))
        {
            h.Activity.CpuSeconds = 1.0;           // one of two cores busy for 1 s
            h.Activity.BytesRead = 100_000_000;
            h.Activity.BytesWritten = 50_000_000;
            h.Step(1000);
        }

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Model, snapshot.Source.Kind);
        Assert.Equal(EnergyProvenance.Model, snapshot.Source.Provenance);
        Assert.Contains("no readable energy sensor", snapshot.Source.FallbackReason);
        Assert.Contains(sysfs.Root, snapshot.Source.FallbackReason);
        var train = snapshot[EnergyPhase.TrainCompute];
        Assert.Equal(EnergyProvenance.Model, train.Provenance);
        Assert.Equal(2 + 4 * 0.5 + 0.1 + 0.1, train.ModelJoules, 9);
        Assert.Equal(snapshot.TotalJoules, snapshot.ModelEstimateJoules, 9);
    }

    [Fact]
    public void Meter_model_in_the_spec_uses_the_model_without_a_fallback_reason()
    {
        using var sysfs = new FakeSysfs().Write("sys/class/power_supply/BAT0/power_now", 5_000_000);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(MeterKind.Model));
        Assert.Equal(MeterKind.Model, h.Meter.Source.Kind);
        Assert.Null(h.Meter.Source.FallbackReason);
    }
}

using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class ReadFaultTests
{
    private const string Rail = "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon0";

    private static FakeSysfs Board() => new FakeSysfs()
        .Write($"{Rail}/in1_label", "VDD_IN").Write($"{Rail}/in1_input", 5000).Write($"{Rail}/curr1_input", 1000); // 5 W

    [Fact]
    public void A_transient_read_fault_is_reported_and_filled_by_the_model_then_the_sensor_resumes()
    {
        using var sysfs = Board();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        for (var i = 0; i < 5; i++) h.Step();
        sysfs.Write($"{Rail}/curr1_input", "garbage");
        h.Step();
        sysfs.Write($"{Rail}/curr1_input", 1000);
        h.Step(); // re-baseline: start of interval unknown, also the model's
        for (var i = 0; i < 3; i++) h.Step();

        var snapshot = h.Meter.Snapshot();
        var fault = Assert.Single(snapshot.Events);
        Assert.Equal(MeterEventKind.ReadFault, fault.Kind);
        Assert.Contains("curr1_input", fault.Message);
        Assert.Equal(MeterKind.Ina3221, snapshot.Source.Kind);
        Assert.Equal(8 * 0.5, snapshot[EnergyPhase.Idle].IntegratedPowerJoules, 9);
        Assert.Equal(2 * 0.2, snapshot[EnergyPhase.Idle].ModelJoules, 9);
        Assert.Equal(EnergyProvenance.Model, snapshot[EnergyPhase.Idle].Provenance);
    }

    [Fact]
    public void A_sensor_that_keeps_failing_mid_run_is_abandoned_for_the_model_and_the_reason_reported()
    {
        using var sysfs = Board();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        using (h.Meter.Enter(EnergyPhase.TrainCompute))
        {
            for (var i = 0; i < 5; i++) h.Step();
            sysfs.Delete($"{Rail}/in1_input");
            for (var i = 0; i < 5; i++) h.Step();
        }

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(MeterKind.Model, snapshot.Source.Kind);
        Assert.Equal(MeterKind.Auto, snapshot.Source.Requested);
        Assert.NotNull(snapshot.Source.FallbackReason);
        Assert.Contains("in1_input", snapshot.Source.FallbackReason);
        Assert.Equal(
            new[] { MeterEventKind.ReadFault, MeterEventKind.ReadFault, MeterEventKind.ReadFault, MeterEventKind.FellBackToModel },
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(snapshot.Events, e => e.Kind)));
        var train = snapshot[EnergyPhase.TrainCompute];
        Assert.Equal(2.5, train.IntegratedPowerJoules, 9);
        Assert.Equal(1.0, train.ModelJoules, 9);
        Assert.Equal(EnergyProvenance.Model, train.Provenance);
    }

    [Fact]
    public void A_sensor_unreadable_at_start_falls_back_at_once_with_the_file_named()
    {
        using var sysfs2 = Board();
        var choice = Miro.Runtime.Energy.Sources.SensorDiscovery.Choose(sysfs2.Root, MeterKind.Auto);
        // Discovery found the rail; it vanished before the meter took its baseline.
        sysfs2.Delete($"{Rail}/curr1_input");
        using var meter = new EnergyMeter(choice, MeterKind.Auto, EnergyModel.FromDevice(TestDevices.Nano()), new FakeActivity(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        Assert.Equal(MeterKind.Model, meter.Source.Kind);
        Assert.Contains("curr1_input", meter.Source.FallbackReason);
    }
}

using System.Linq;
using System.Text.Json;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class EnergyHookTests
{
    [Fact]
    public void Real_run_with_the_sampling_meter_reports_energy_per_phase_with_provenance_in_the_task_json()
    {
        using var sysfs = new FakeSysfs(); // no sensors: the model, and the report says why
        var policy = TestPolicies.Er(episodic: 50, epochs: 1, batch: 20, hidden: new[] { 32 }, tasks: 2) with
        {
            Device = TestDevices.Nano(MeterKind.Auto),
        };
        using var energy = EnergyHook.Start(policy, new EnergyMeterOptions { Root = sysfs.Root });
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 1, Hooks = new ISessionHook[] { energy } });
        var result = session.Run();

        foreach (var task in result.Tasks)
        {
            var section = (EnergyReport)task.Extensions![EnergyHook.ExtensionName];
            Assert.Equal("model", section.Meter);
            Assert.Equal("auto", section.RequestedMeter);
            Assert.Contains("no readable energy sensor", section.FallbackReason);
            Assert.True(task.EnergyJoules!["train_compute"] > 0);
            Assert.True(task.EnergyJoules["evaluation"] > 0);
            Assert.True(section.TotalJoules > 0);
            Assert.All(section.Phases, p => Assert.Equal("model", p.Provenance));

            using var json = JsonDocument.Parse(ReportWriter.ToJson(task));
            var energyJson = json.RootElement.GetProperty("extensions").GetProperty("energy");
            Assert.Equal("model", energyJson.GetProperty("meter").GetString());
            Assert.Equal(6, energyJson.GetProperty("phases").GetArrayLength());
            Assert.True(json.RootElement.GetProperty("energyJoules").GetProperty("train_compute").GetDouble() > 0);
        }
    }

    [Theory]
    [InlineData(SessionPhase.StoreWrite, EnergyPhase.ReplayIo)]
    [InlineData(SessionPhase.Profiling, EnergyPhase.Profiling)]
    [InlineData(SessionPhase.Training, EnergyPhase.TrainCompute)]
    [InlineData(SessionPhase.MemoryUpdate, EnergyPhase.TrainCompute)]
    [InlineData(SessionPhase.Evaluation, EnergyPhase.Evaluation)]
    [InlineData(SessionPhase.Checkpoint, EnergyPhase.ReplayIo)]
    public void Session_phases_map_to_energy_phases(SessionPhase session, EnergyPhase energy) =>
        Assert.Equal(energy, EnergyHook.EnergyPhaseOf(session));

    private sealed class FaultInjector : ISessionHook
    {
        private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time;
        private readonly EnergyMeter _meter;
        private readonly FakeSysfs _sysfs;
        private int _steps;

        public FaultInjector(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, EnergyMeter meter, FakeSysfs sysfs)
        {
            _time = time;
            _meter = meter;
            _sysfs = sysfs;
        }

        public Miro.Runtime.Learning.StepVerdict OnStep(TaskContext task, in Miro.Runtime.Learning.StepReport step)
        {
            if (++_steps == 30) _sysfs.Delete(Rail + "/curr1_input"); // the sensor driver goes away mid-task
            _time.Advance(System.TimeSpan.FromMilliseconds(100));
            _meter.Sample();
            return Miro.Runtime.Learning.StepVerdict.Continue;
        }
    }

    private const string Rail = "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon2";

    [Fact]
    public void Sensor_failing_mid_run_falls_back_to_the_model_and_the_task_report_says_so()
    {
        using var sysfs = new FakeSysfs()
            .Write(Rail + "/in1_label", "VDD_IN").Write(Rail + "/in1_input", 5000).Write(Rail + "/curr1_input", 1000); // 5 W
        var policy = TestPolicies.Er(episodic: 50, epochs: 2, batch: 20, hidden: new[] { 16 }, tasks: 2) with
        {
            Device = TestDevices.Nano(MeterKind.Ina3221),
        };
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var meter = new EnergyMeter(Miro.Runtime.Energy.Sources.SensorDiscovery.Choose(sysfs.Root, MeterKind.Ina3221), MeterKind.Ina3221,
            EnergyModel.FromDevice(policy.Device), new FakeActivity(), time);
        using var energy = new EnergyHook(meter, policy.Budgets);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 1, Hooks = new ISessionHook[] { new FaultInjector(time, meter, sysfs), energy } });
        var result = session.Run();

        var task1 = (EnergyReport)result.Tasks[0].Extensions![EnergyHook.ExtensionName];
        Assert.Equal("model", task1.Meter); // the source at report time
        Assert.Contains("curr1_input", task1.FallbackReason);
        Assert.Equal(new[] { "read_fault", "read_fault", "read_fault", "fell_back_to_model" }, task1.MeterEvents.Select(e => e.Kind).ToArray());
        var train = task1.Phases.Single(p => p.Phase == "train_compute");
        Assert.Equal(29 * 0.5, train.IntegratedPowerJoules, 9); // 29 measured intervals at 5 W x 100 ms
        Assert.True(train.ModelJoules > 0);
        Assert.Equal("model", train.Provenance);

        var task2 = (EnergyReport)result.Tasks[1].Extensions![EnergyHook.ExtensionName];
        Assert.Empty(task2.MeterEvents);
        Assert.All(task2.Phases, p => Assert.Equal(0, p.IntegratedPowerJoules));
    }
}

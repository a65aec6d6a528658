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

    [Fact]
    public void Summary_line_names_total_meter_and_budget_verdicts()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano());
        using (h.Meter.Enter(EnergyPhase.TrainCompute)) h.Step(1000);
        var events = new[]
        {
            new Miro.Runtime.Energy.Budgets.BudgetEvent(1, new BudgetSpec(1, BudgetScope.PerTask, ExceedAction.Warn),
                Miro.Runtime.Energy.Budgets.BudgetVerdict.Warn, 1.9, 1, 1.9, 1, "energy budget 1 J per task exceeded"),
        };
        var summary = EnergyReport.From(h.Meter.Snapshot(), events).Summary();
        Assert.StartsWith("energy 1.9 J (model, fallback) train_compute 1.9 J", summary);
        Assert.Contains("budget warn: energy budget 1 J per task exceeded", summary);
    }
}

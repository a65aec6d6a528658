using System;
using System.Linq;
using Microsoft.Extensions.Time.Testing;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Sources;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

/// <summary>
/// Swap and store energy on a small real run with the storage tier swapping (CarM, ratio 1): a
/// clock hook advances a fake clock by 10 ms of busy CPU per step and 5 ms per store write, and
/// hands the model meter the tier's real byte counts, so the model charges the store's reads and
/// writes (eMMC coefficients) and the meter attributes them by the tier's phases.
/// </summary>
public sealed class SwapEnergyTests
{
    private sealed class ClockHook : ISessionHook
    {
        private readonly FakeTimeProvider _time;
        private readonly FakeActivity _activity;
        private readonly IoCounters _io;
        private readonly EnergyMeter _meter;

        public ClockHook(FakeTimeProvider time, FakeActivity activity, IoCounters io, EnergyMeter meter)
        {
            _time = time;
            _activity = activity;
            _io = io;
            _meter = meter;
        }

        // Registered before the energy hook, so the store write's replay_io phase is still open here.
        public void OnPhaseEnd(SessionPhase phase, TaskContext task)
        {
            if (phase == SessionPhase.StoreWrite) Tick(5);
        }

        public StepVerdict OnStep(TaskContext task, in StepReport step)
        {
            Tick(10);
            return StepVerdict.Continue;
        }

        private void Tick(int milliseconds)
        {
            _time.Advance(TimeSpan.FromMilliseconds(milliseconds));
            _activity.CpuSeconds += 2 * milliseconds / 1000.0;
            _activity.BytesRead = _io.BytesRead;
            _activity.BytesWritten = _io.BytesWritten;
            _meter.Sample();
        }
    }

    private static SessionResult Run(string directory, bool attribute)
    {
        var baseline = TestPolicies.Er(episodic: 60, epochs: 2, batch: 10, hidden: new[] { 16 }, tasks: 3, replay: ReplayMix.Balanced);
        var policy = baseline with
        {
            Device = TestDevices.Nano(MeterKind.Model, idle: 2, active: 6),
            Memory = baseline.Memory with { Storage = new StorageTierSpec(null, "store"), Swap = new SwapSpec(1.0, 1, SwapPolicy.Random) },
        };
        var time = new FakeTimeProvider();
        var activity = new FakeActivity(processors: 2);
        var io = new IoCounters();
        using var meter = new EnergyMeter(new SensorChoice(null, null), MeterKind.Model, EnergyModel.FromDevice(policy.Device), activity, time);
        using var energy = new EnergyHook(meter, policy.Budgets);
        using var tier = new StorageTier(policy.Memory.Storage!, policy.Memory.Swap, directory, io, attribute ? meter : null);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 3, Hooks = new ISessionHook[] { new ClockHook(time, activity, io, meter), energy, tier } });
        return session.Run();
    }

    private static EnergyReport EnergyOf(TaskReport report) => (EnergyReport)report.Extensions![EnergyHook.ExtensionName];

    [Fact]
    public void Swap_reads_are_charged_to_storage_swap_from_task_2_on_and_phases_add_up()
    {
        using var dir = new TempDirectory();
        var result = Run(dir.Path, attribute: true);

        Assert.Equal(0, result.Tasks[0].EnergyJoules!["storage_swap"]);
        foreach (var task in result.Tasks.Skip(1))
        {
            Assert.True(task.EnergyJoules!["storage_swap"] > 0, $"task {task.Task} charged no swap energy");
            Assert.True(task.EnergyJoules["storage_swap"] < task.EnergyJoules["train_compute"], "swap reads cost less than training here");
            Assert.True(Convert.ToInt64(task.Extensions!["storage.bytesRead"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        foreach (var task in result.Tasks)
        {
            // The store write at task start is replay I/O; every task writes its stream.
            Assert.True(task.EnergyJoules!["replay_io"] > 0, $"task {task.Task} charged no store-write energy");
            Assert.Equal(EnergyOf(task).TotalJoules, task.EnergyJoules.Values.Sum(), 9);
        }
    }

    [Fact]
    public void Without_a_meter_the_tier_attributes_nothing_and_swap_energy_stays_in_training()
    {
        using var withMeter = new TempDirectory();
        using var without = new TempDirectory();
        var attributed = Run(withMeter.Path, attribute: true);
        var plain = Run(without.Path, attribute: false);

        var task2 = plain.Tasks[1];
        Assert.Equal(0, task2.EnergyJoules!["storage_swap"]);
        // About the same joules in total (the model charges the same bytes and CPU; reads the worker
        // finishes after a task's last sample land in the next task); only the phase differs.
        var total = EnergyOf(attributed.Tasks[1]).TotalJoules;
        Assert.InRange(EnergyOf(task2).TotalJoules, total * 0.99, total * 1.01);
        Assert.True(task2.EnergyJoules["train_compute"] > attributed.Tasks[1].EnergyJoules!["train_compute"]);
    }
}

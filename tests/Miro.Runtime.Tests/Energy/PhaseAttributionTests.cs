using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class PhaseAttributionTests
{
    [Fact]
    public void Swapping_during_training_gets_the_models_io_share()
    {
        using var sysfs = new FakeSysfs()
            .Write("sys/class/power_supply/BAT0/power_now", 6_000_000); // 6 W measured
        // Model for 1 s: both cores busy -> 6 W compute; 1 GB read at 2 nJ/B -> 2 J of I/O.
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6, read: 2e-9, write: 0));
        using (h.Meter.Enter(EnergyPhase.TrainCompute))
        using (h.Meter.Enter(EnergyPhase.StorageSwap))
        {
            h.Activity.CpuSeconds = 2;
            h.Activity.BytesRead = 1_000_000_000;
            h.Step(1000);
        }

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(6.0, snapshot.TotalJoules, 9);
        Assert.Equal(6.0 * 6 / 8, snapshot[EnergyPhase.TrainCompute].Joules, 9);
        Assert.Equal(6.0 * 2 / 8, snapshot[EnergyPhase.StorageSwap].Joules, 9);
    }

    [Fact]
    public void Profiling_absorbs_the_training_and_evaluation_it_contains()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        using (h.Meter.Enter(EnergyPhase.Profiling))
        {
            using (h.Meter.Enter(EnergyPhase.TrainCompute)) h.Step(500);
            using (h.Meter.Enter(EnergyPhase.Evaluation)) h.Step(500);
        }

        h.Step(250);
        var snapshot = h.Meter.Snapshot();
        Assert.Equal(2.0, snapshot[EnergyPhase.Profiling].Joules, 9);
        Assert.Equal(0, snapshot[EnergyPhase.TrainCompute].Joules);
        Assert.Equal(0, snapshot[EnergyPhase.Evaluation].Joules);
        Assert.Equal(0.5, snapshot[EnergyPhase.Idle].Joules, 9);
    }

    [Fact]
    public void Io_phases_alone_share_everything_equally()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        using (h.Meter.Enter(EnergyPhase.ReplayIo))
        using (h.Meter.Enter(EnergyPhase.StorageSwap))
            h.Step(1000);

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(1.0, snapshot[EnergyPhase.ReplayIo].Joules, 9);
        Assert.Equal(1.0, snapshot[EnergyPhase.StorageSwap].Joules, 9);
    }

    [Fact]
    public void Since_gives_the_energy_and_events_of_one_task()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        h.Step(1000);
        var start = h.Meter.Snapshot();
        using (h.Meter.Enter(EnergyPhase.TrainCompute)) h.Step(500);
        var task = h.Meter.Snapshot().Since(start);

        Assert.Equal(1.0, task.TotalJoules, 9);
        Assert.Equal(1.0, task[EnergyPhase.TrainCompute].Joules, 9);
        Assert.Equal(0, task[EnergyPhase.Idle].Joules, 9);
        Assert.Equal(System.TimeSpan.FromMilliseconds(500), task.Elapsed);
    }

    [Fact]
    public void Leaving_a_phase_twice_through_the_same_scope_counts_once()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6));
        var outer = h.Meter.Enter(EnergyPhase.TrainCompute);
        var inner = h.Meter.Enter(EnergyPhase.TrainCompute);
        inner.Dispose();
        inner.Dispose();
        h.Step(1000);
        outer.Dispose();

        Assert.Equal(2.0, h.Meter.Snapshot()[EnergyPhase.TrainCompute].Joules, 9);
    }
}

public sealed class PhaseConcurrencyTests
{
    [Fact]
    public void Phases_entered_from_many_threads_while_sampling_conserve_every_joule()
    {
        using var sysfs = new FakeSysfs();
        using var h = new MeterHarness(sysfs, TestDevices.Nano(idle: 2, active: 6, read: 1e-9, write: 1e-9));
        var train = h.Meter.Enter(EnergyPhase.TrainCompute);
        var workers = new System.Threading.Thread[4];
        for (var w = 0; w < workers.Length; w++)
        {
            var phase = w % 2 == 0 ? EnergyPhase.StorageSwap : EnergyPhase.ReplayIo;
            workers[w] = new System.Threading.Thread(() =>
            {
                for (var i = 0; i < 2000; i++)
                    using (h.Meter.Enter(phase))
                        System.Threading.Thread.SpinWait(10);
            });
            workers[w].Start();
        }

        for (var i = 0; i < 200; i++)
        {
            h.Activity.CpuSeconds += 0.1;
            h.Activity.BytesRead += 1_000_000;
            h.Step();
        }

        foreach (var worker in workers) worker.Join();
        h.Step();
        train.Dispose();
        h.Step();

        var snapshot = h.Meter.Snapshot();
        var sum = 0.0;
        foreach (var p in snapshot.Phases) sum += p.Joules;
        Assert.Equal(snapshot.ModelEstimateJoules, sum, 9);
        Assert.Equal(snapshot.ModelEstimateJoules, h.Meter.TotalJoules, 9);
        Assert.True(snapshot[EnergyPhase.TrainCompute].Joules > 0);
        Assert.Equal(0.2, snapshot[EnergyPhase.Idle].Joules, 9); // only the last 100 ms, at idle power
    }
}

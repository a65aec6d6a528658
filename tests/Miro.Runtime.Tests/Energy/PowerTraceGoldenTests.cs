using System;
using System.Threading;
using Miro.Runtime.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

/// <summary>
/// Integrates a synthetic power trace P(t) = 2 W + 1 W/s · t, sampled every 100 ms for 5 s. The
/// trapezoid rule is exact on a linear trace, so the golden totals are closed-form:
/// ∫₀⁵ (2 + t) dt = 22.5 J, of which the first 2.5 s (training) hold 8.125 J and the rest
/// (evaluation) 14.375 J.
/// </summary>
public sealed class PowerTraceGoldenTests
{
    private const string Rail = "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon0";

    private static FakeSysfs Board(double watts)
    {
        var sysfs = new FakeSysfs().Write($"{Rail}/in1_label", "VDD_IN").Write($"{Rail}/in1_input", 5000);
        SetPower(sysfs, watts);
        return sysfs;
    }

    // 5 V rail: current in mA = watts × 200.
    private static void SetPower(FakeSysfs sysfs, double watts) => sysfs.Write($"{Rail}/curr1_input", (long)Math.Round(watts * 200));

    [Fact]
    public void Linear_power_trace_integrates_to_the_closed_form_energy_split_by_phase()
    {
        using var sysfs = Board(2.0);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 10));
        var train = h.Meter.Enter(EnergyPhase.TrainCompute);
        for (var k = 1; k <= 50; k++)
        {
            SetPower(sysfs, 2.0 + 0.1 * k);
            h.Step();
            if (k == 25)
            {
                train.Dispose();
                h.Meter.Enter(EnergyPhase.Evaluation);
            }
        }

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(22.5, snapshot.TotalJoules, 9);
        Assert.Equal(8.125, snapshot[EnergyPhase.TrainCompute].IntegratedPowerJoules, 9);
        Assert.Equal(14.375, snapshot[EnergyPhase.Evaluation].IntegratedPowerJoules, 9);
        Assert.Equal(0, snapshot[EnergyPhase.Idle].Joules, 12);
        Assert.Equal(TimeSpan.FromSeconds(5), snapshot.Elapsed);
    }

    [Fact]
    public void Phase_boundary_inside_a_sampling_interval_is_attributed_by_time_overlap()
    {
        using var sysfs = Board(4.0);
        using var h = new MeterHarness(sysfs, TestDevices.Nano(active: 10));
        h.Time.Advance(TimeSpan.FromMilliseconds(25));
        using (h.Meter.Enter(EnergyPhase.TrainCompute))
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(75));
            h.Meter.Sample();
        }

        var snapshot = h.Meter.Snapshot();
        Assert.Equal(0.3, snapshot[EnergyPhase.TrainCompute].Joules, 9); // 4 W × 75 ms
        Assert.Equal(0.1, snapshot[EnergyPhase.Idle].Joules, 9);         // 4 W × 25 ms
    }

    [Fact]
    public void Sampling_thread_driven_by_the_clock_integrates_the_same_trace()
    {
        using var sysfs = Board(2.0);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var choice = Miro.Runtime.Energy.Sources.SensorDiscovery.Choose(sysfs.Root, Miro.Dsl.Model.MeterKind.Auto);
        using var meter = new EnergyMeter(choice, Miro.Dsl.Model.MeterKind.Auto, EnergyModel.FromDevice(TestDevices.Nano(active: 10)), new FakeActivity(), time);
        meter.StartSampling(TimeSpan.FromMilliseconds(100));
        for (var k = 1; k <= 50; k++)
        {
            SetPower(sysfs, 2.0 + 0.1 * k);
            var before = meter.SampleCount;
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.True(SpinWait.SpinUntil(() => meter.SampleCount > before, TimeSpan.FromSeconds(10)), "the sampling thread did not sample");
        }

        Assert.Equal(22.5, meter.TotalJoules, 9);
        Assert.Equal(22.5, meter.Snapshot().TotalJoules, 9);
    }
}

public sealed class StarvedSamplerTests
{
    /// <summary>A clock whose timers never fire: the sampling thread gets no ticks, as when it is starved.</summary>
    private sealed class SilentTimers : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        public override System.Threading.ITimer CreateTimer(System.Threading.TimerCallback callback, object? state, System.TimeSpan dueTime, System.TimeSpan period) =>
            new Never();

        private sealed class Never : System.Threading.ITimer
        {
            public bool Change(System.TimeSpan dueTime, System.TimeSpan period) => true;

            public void Dispose()
            {
            }

            public System.Threading.Tasks.ValueTask DisposeAsync() => default;
        }
    }

    [Fact]
    public void Total_joules_samples_itself_when_the_sampler_is_more_than_a_period_behind()
    {
        using var sysfs = new FakeSysfs();
        var time = new SilentTimers();
        using var meter = new EnergyMeter(new Miro.Runtime.Energy.Sources.SensorChoice(null, null), Miro.Dsl.Model.MeterKind.Model,
            new EnergyModel(2, 6, 0, 0), new FakeActivity(), time);
        meter.StartSampling(System.TimeSpan.FromMilliseconds(100));

        time.Advance(System.TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, meter.TotalJoules); // within one period: the cheap cached figure
        time.Advance(System.TimeSpan.FromMilliseconds(200));
        Assert.Equal(0.5, meter.TotalJoules, 9); // 250 ms at 2 W, sampled on demand
        Assert.Equal(1, meter.SampleCount);
    }
}

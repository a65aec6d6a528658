using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Budgets;
using Miro.Runtime.Energy.Sources;

namespace Miro.Benchmarks;

/// <summary>
/// What energy accounting costs the training loop: the per-step budget check (runs after every
/// batch), entering and leaving a phase, and one sample of the meter (runs 10 times a second) with
/// the model and with a RAPL counter tree (two zones) on disk.
/// </summary>
[MemoryDiagnoser]
public class EnergyOverheadBenchmarks
{
    private static readonly DeviceSpec Device = new(4L << 30, new StorageDeviceSpec("emmc", 16L << 30, 3.6e-9, 6.3e-9), new PowerSpec(1.9, 6.5), MeterKind.Auto, null);
    private string _root = "";
    private EnergyMeter _model = null!;
    private EnergyMeter _rapl = null!;
    private BudgetEnforcer _enforcer = null!;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("miro-bench-sysfs-").FullName;
        foreach (var (zone, name) in new[] { ("intel-rapl:0", "package-0"), ("intel-rapl:0:2", "dram") })
        {
            var dir = Directory.CreateDirectory(Path.Combine(_root, "sys/class/powercap", zone)).FullName;
            File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
            File.WriteAllText(Path.Combine(dir, "energy_uj"), "123456789\n");
            File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), "262143328850\n");
        }

        var model = EnergyModel.FromDevice(Device);
        _model = new EnergyMeter(new SensorChoice(null, null), MeterKind.Model, model, new ProcessActivity(new IoCounters()), TimeProvider.System);
        _rapl = new EnergyMeter(SensorDiscovery.Choose(_root, MeterKind.Rapl), MeterKind.Rapl, model, new ProcessActivity(new IoCounters()), TimeProvider.System);
        if (_rapl.Source.Kind != MeterKind.Rapl) throw new InvalidOperationException(_rapl.Source.FallbackReason);
        _enforcer = new BudgetEnforcer(new[] { new BudgetSpec(1e12, BudgetScope.PerTask, ExceedAction.Degrade), new BudgetSpec(1e12, BudgetScope.PerRun, ExceedAction.Stop) }, 5);
        _enforcer.BeginTask(1, 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _rapl.Dispose();
        Directory.Delete(_root, true);
    }

    /// <summary>The hook's work after every training step: read the meter, check two budgets.</summary>
    [Benchmark]
    public BudgetVerdict BudgetCheckPerStep() => _enforcer.Check(_model.TotalJoules, ++_step % 1000 + 1, 1000).Verdict;

    [Benchmark]
    public void EnterAndLeavePhase()
    {
        using (_model.Enter(EnergyPhase.TrainCompute))
        {
        }
    }

    [Benchmark]
    public void SampleWithModel() => _model.Sample();

    [Benchmark]
    public void SampleWithRaplCounters() => _rapl.Sample();
}

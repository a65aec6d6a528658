using Miro.Dsl.Model;

namespace Miro.Generators.Tests;

/// <summary>Hand-built policies for emitter tests that must not depend on the parser.</summary>
internal static class SampleSpecs
{
    /// <summary>The DESIGN.md §3 sketch, as text (for quoted lines) ...</summary>
    public const string JetsonNanoText = """
        policy JetsonNano {
          device {
            dram 4 GiB
            storage emmc 16 GiB { read 3.6 nJ/B  write 6.3 nJ/B }
            power { idle 1.9 W  active 6.5 W }        // board power when idle / when all cores are busy
            meter auto
          }
          memory {
            stream   capacity 768 samples
            episodic capacity 500 samples
            storage  capacity 512 MiB at "miro-store"
            swap ratio 25% every 1 epoch policy random
          }
          train {
            model mlp(hidden: [100, 100])
            epochs 10  batch 16  threads 1
          }
          budget {
            energy 40 kJ per task on exceed degrade
          }
          tune {
            episodic.capacity in {200, 300, 400, 500, 600, 700, 800}
            stream.capacity   in [192 .. 768 step 192]
          }
          profile {
            from task 2  sample 5%  trial 1 epoch  warmup 0 epochs
            keep top 40%  navigate grid
            objective accuracy per joule
          }
          when dram.available < 1 GiB {
            tune episodic.capacity in {200, 300, 400}
          }
        }
        """;

    /// <summary>... and as the bound model.</summary>
    public static PolicySpec JetsonNano() => new(
        Name: "JetsonNano",
        Namespace: null,
        Device: new DeviceSpec(
            DramBytes: 4L << 30,
            Storage: new StorageDeviceSpec("emmc", 16L << 30, 3.6e-9, 6.3e-9),
            Power: new PowerSpec(1.9, 6.5),
            Meter: MeterKind.Auto,
            ComputeJoulesPerFlop: null),
        Data: new DataSpec("fashion_mnist", 5, 2, 784 * 4, 0.1, null),
        Memory: new MemorySpec(
            new StreamSpec(768),
            new EpisodicSpec(500, EpisodicSelection.Balanced),
            new StorageTierSpec(512L << 20, "miro-store"),
            new SwapSpec(0.25, 1, SwapPolicy.Random)),
        Train: new TrainSpec(
            new ModelSpec(ModelKind.Mlp, EquatableArray.Create(100, 100)),
            LearnerKind.Er, 10, 16, 1, ReplayMix.Concat, LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Sgd, 0.001, 0.9, 0.0001)),
        Budgets: EquatableArray.Create(new BudgetSpec(40_000, BudgetScope.PerTask, ExceedAction.Degrade)),
        Tunables: EquatableArray.Create(
            new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.0, 300, 400, 500, 600, 700, 800)),
            new TunableSpec(TunableParameter.StreamCapacity, EquatableArray.Create(192.0, 384, 576, 768))),
        Profile: new ProfileSpec(2, 0.05, 1, 0, 0.4, NavigationKind.Grid, 0, Objective.AccuracyPerJoule),
        Rules: EquatableArray.Create(
            new WhenRuleSpec(
                new ResourceCondition(ResourceKind.DramAvailable, Comparison.Less, 1L << 30),
                EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.0, 300, 400))))));

    /// <summary>Everything optional left out: no storage, swap, budget, profile, tunables or rules.</summary>
    public static PolicySpec Minimal() => new(
        Name: "Tiny",
        Namespace: "Acme.Edge",
        Device: new DeviceSpec(512L << 20, null, new PowerSpec(0.5, 2), MeterKind.Model, null),
        Data: new DataSpec("mnist", 5, 2, 784, 0, null),
        Memory: new MemorySpec(new StreamSpec(100), new EpisodicSpec(50, EpisodicSelection.Reservoir), null, null),
        Train: new TrainSpec(
            new ModelSpec(ModelKind.Cnn, EquatableArray<int>.Empty),
            LearnerKind.OnlineEr, 1, 10, 1, ReplayMix.Balanced, LossKind.Bce,
            new OptimizerSpec(OptimizerKind.Adam, 0.01, 0, 0)),
        Budgets: EquatableArray<BudgetSpec>.Empty,
        Tunables: EquatableArray<TunableSpec>.Empty,
        Profile: null,
        Rules: EquatableArray<WhenRuleSpec>.Empty);

    /// <summary>Values that are easy to get wrong in C#: doubles without a short decimal form, an
    /// unnamed enum value, escapes in strings, an explicit class order, every tunable, two budgets
    /// of one scope, and overlapping rules.</summary>
    public static PolicySpec Tricky() => new(
        Name: "Tricky_1",
        Namespace: null,
        Device: new DeviceSpec(
            long.MaxValue,
            new StorageDeviceSpec("nvme \"fast\"\\ \u00e9", 0, double.Epsilon, 1.0 / 3),
            new PowerSpec(-0.0, 1e300),
            (MeterKind)42,
            0.1 + 0.2),
        Data: new DataSpec("cifar10", 10, 1, 3072, 0.15, EquatableArray.Create(3, 1, 4, 1, 5, 9, 2, 6, 5, 3)),
        Memory: new MemorySpec(
            new StreamSpec(int.MaxValue),
            new EpisodicSpec(0, EpisodicSelection.Balanced),
            new StorageTierSpec(null, "C:\\store\ttab"),
            new SwapSpec(1.0 / 7, 3, SwapPolicy.Entropy)),
        Train: new TrainSpec(
            new ModelSpec(ModelKind.ReducedResNet18, EquatableArray<int>.Empty),
            LearnerKind.Er, 2, 32, 2, ReplayMix.Concat, LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Sgd, 1e-3, 0.9, 5e-4)),
        Budgets: EquatableArray.Create(
            new BudgetSpec(1.5e5, BudgetScope.PerRun, ExceedAction.Stop),
            new BudgetSpec(2.5e5, BudgetScope.PerRun, ExceedAction.Warn)),
        Tunables: EquatableArray.Create(
            new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(100.0, 200)),
            new TunableSpec(TunableParameter.StreamCapacity, EquatableArray.Create(64.0)),
            new TunableSpec(TunableParameter.SwapRatio, EquatableArray.Create(0.1, 1.0 / 3, 0.5)),
            new TunableSpec(TunableParameter.Epochs, EquatableArray.Create(1.0, 2)),
            new TunableSpec(TunableParameter.Batch, EquatableArray.Create(16.0, 32))),
        Profile: new ProfileSpec(6, 0.1, 1, 1, 0.4, NavigationKind.Random, 0.2, Objective.Energy),
        Rules: EquatableArray.Create(
            new WhenRuleSpec(
                new ResourceCondition(ResourceKind.BatteryLevel, Comparison.LessOrEqual, 0.2),
                EquatableArray.Create(new TunableSpec(TunableParameter.SwapRatio, EquatableArray.Create(0.1, 1.0 / 3)))),
            new WhenRuleSpec(
                new ResourceCondition(ResourceKind.StorageFree, Comparison.Less, 1e9),
                EquatableArray.Create(
                    new TunableSpec(TunableParameter.SwapRatio, EquatableArray.Create(0.1)),
                    new TunableSpec(TunableParameter.Batch, EquatableArray.Create(16.0))))));
}

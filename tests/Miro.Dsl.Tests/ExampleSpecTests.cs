using Miro.Dsl.Model;
using Xunit;
using static Miro.Dsl.Model.EquatableArray;

namespace Miro.Dsl.Tests;

/// <summary>Each example spec binds, without diagnostics, to exactly the PolicySpec written out here.</summary>
public sealed class ExampleSpecTests
{
    private const long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    private static PolicySpec Bind(string name)
    {
        var result = MiroCompiler.Compile(ExampleSpecs.Read(name), name + ".miro");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Policies);
    }

    [Fact]
    public void Quickstart_binds_to_the_expected_spec()
    {
        var expected = new PolicySpec(
            "Quickstart",
            "Miro.Examples",
            new DeviceSpec(2 * GiB, new StorageDeviceSpec("ssd", 32 * GiB, 1.7e-9, 3.4e-9), new PowerSpec(5, 15), MeterKind.Auto, null),
            new DataSpec("fashion_mnist", 5, 2, 3136, 0.1, null),
            new MemorySpec(new StreamSpec(1200), new EpisodicSpec(200, EpisodicSelection.Balanced), new StorageTierSpec(null, "miro-store"),
                new SwapSpec(0.25, 1, SwapPolicy.Random)),
            new TrainSpec(new ModelSpec(ModelKind.Mlp, Create(100, 100)), LearnerKind.Er, 5, 16, 1, ReplayMix.Balanced, LossKind.CrossEntropy,
                new OptimizerSpec(OptimizerKind.Sgd, 0.05, 0, 0)),
            EquatableArray<BudgetSpec>.Empty,
            Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(100.0, 200, 400)),
                new TunableSpec(TunableParameter.StreamCapacity, Create(600.0, 1200))),
            new ProfileSpec(2, 0.05, 1, 0, 0.5, NavigationKind.Grid, 1.0, Objective.AccuracyPerJoule),
            EquatableArray<WhenRuleSpec>.Empty);

        Assert.Equal(expected, Bind("quickstart"));
    }

    [Fact]
    public void Jetson_orin_nano_binds_to_the_expected_spec()
    {
        var expected = new PolicySpec(
            "JetsonOrinNano",
            "Miro.Examples.Devices",
            new DeviceSpec(8 * GiB, new StorageDeviceSpec("nvme", 256_000_000_000, 1.7e-9, 3.4e-9), new PowerSpec(5, 15), MeterKind.Ina3221, null),
            new DataSpec("cifar10", 5, 2, 12288, 0.1, null),
            new MemorySpec(new StreamSpec(5000), new EpisodicSpec(1000, EpisodicSelection.Balanced), new StorageTierSpec(8 * GiB, "/var/lib/miro/store"),
                new SwapSpec(0.5, 1, SwapPolicy.Entropy)),
            new TrainSpec(new ModelSpec(ModelKind.ReducedResNet18, EquatableArray<int>.Empty), LearnerKind.Er, 5, 32, 4, ReplayMix.Balanced,
                LossKind.CrossEntropy, new OptimizerSpec(OptimizerKind.Sgd, 0.05, 0.9, 0.0005)),
            Create(new BudgetSpec(60_000, BudgetScope.PerTask, ExceedAction.Degrade), new BudgetSpec(250_000, BudgetScope.PerRun, ExceedAction.Stop)),
            Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(500.0, 1000, 1500, 2000)),
                new TunableSpec(TunableParameter.StreamCapacity, Create(1250.0, 2500, 5000)),
                new TunableSpec(TunableParameter.SwapRatio, Create(0.25, 0.5, 1.0))),
            new ProfileSpec(2, 0.1, 1, 1, 0.4, NavigationKind.Random, 0.5, Objective.AccuracyPerJoule),
            Create(new WhenRuleSpec(new ResourceCondition(ResourceKind.DramAvailable, Comparison.Less, 2 * GiB), Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(500.0, 1000)),
                new TunableSpec(TunableParameter.StreamCapacity, Create(1250.0, 2500))))));

        Assert.Equal(expected, Bind("jetson-orin-nano"));
    }

    [Fact]
    public void Raspberry_pi_4_binds_to_the_expected_spec()
    {
        var expected = new PolicySpec(
            "RaspberryPi4",
            "Miro.Examples.Devices",
            new DeviceSpec(4 * GiB, new StorageDeviceSpec("sd", 32_000_000_000, 9e-9, 20e-9), new PowerSpec(2.7, 6.4), MeterKind.Model, null),
            new DataSpec("fashion_mnist", 5, 2, 3136, 0.1, null),
            new MemorySpec(new StreamSpec(768), new EpisodicSpec(500, EpisodicSelection.Balanced), new StorageTierSpec(512 * MiB, "miro-store"),
                new SwapSpec(0.25, 1, SwapPolicy.Random)),
            new TrainSpec(new ModelSpec(ModelKind.Mlp, Create(100, 100)), LearnerKind.Er, 3, 16, 2, ReplayMix.Concat, LossKind.CrossEntropy,
                new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0.9, 0)),
            Create(new BudgetSpec(2000, BudgetScope.PerTask, ExceedAction.Warn)),
            Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(200.0, 300, 400, 500, 600, 700, 800)),
                new TunableSpec(TunableParameter.StreamCapacity, Create(192.0, 384, 576, 768))),
            new ProfileSpec(2, 0.05, 1, 0, 0.4, NavigationKind.Grid, 1.0, Objective.AccuracyPerJoule),
            Create(new WhenRuleSpec(new ResourceCondition(ResourceKind.StorageFree, Comparison.Less, 1 * GiB), Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(200.0, 300, 400))))));

        Assert.Equal(expected, Bind("raspberry-pi-4"));
    }

    [Fact]
    public void Laptop_binds_to_the_expected_spec()
    {
        var expected = new PolicySpec(
            "Laptop",
            "Miro.Examples.Devices",
            new DeviceSpec(16 * GiB, new StorageDeviceSpec("nvme", 512_000_000_000, 1.4e-9, 2e-9), new PowerSpec(5, 35), MeterKind.Auto, 30e-12),
            new DataSpec("fashion_mnist", 5, 2, 3136, 0.1, Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
            new MemorySpec(new StreamSpec(6000), new EpisodicSpec(2000, EpisodicSelection.Reservoir), new StorageTierSpec(2 * GiB, "miro-store"),
                new SwapSpec(0.5, 2, SwapPolicy.Entropy)),
            new TrainSpec(new ModelSpec(ModelKind.Mlp, Create(256, 256)), LearnerKind.OnlineEr, 1, 32, 2, ReplayMix.Balanced, LossKind.Bce,
                new OptimizerSpec(OptimizerKind.Adam, 0.001, 0, 0.0001)),
            Create(new BudgetSpec(72_000, BudgetScope.PerRun, ExceedAction.Stop)),
            Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(1000.0, 2000, 4000)),
                new TunableSpec(TunableParameter.SwapRatio, Create(0.25, 0.5, 0.75, 1.0)),
                new TunableSpec(TunableParameter.Batch, Create(16.0, 32))),
            new ProfileSpec(2, 0.1, 1, 0, 0.5, NavigationKind.Grid, 1.0, Objective.AccuracyPerJoule),
            Create(new WhenRuleSpec(new ResourceCondition(ResourceKind.BatteryLevel, Comparison.Less, 0.2), Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, Create(1000.0)),
                new TunableSpec(TunableParameter.SwapRatio, Create(0.25))))));

        Assert.Equal(expected, Bind("laptop"));
    }

    [Fact]
    public void All_examples_in_one_file_bind_to_the_same_specs_as_separately()
    {
        var separately = new System.Collections.Generic.List<PolicySpec>();
        var combined = new System.Text.StringBuilder();
        foreach (var name in ExampleSpecs.Names)
        {
            separately.Add(Bind(name));
            combined.Append(ExampleSpecs.Read(name)).Append('\n');
        }

        var result = MiroCompiler.Compile(combined.ToString(), "all.miro");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(separately, result.Policies);
    }
}

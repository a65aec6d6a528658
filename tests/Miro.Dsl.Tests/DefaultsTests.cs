using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>Every optional setting has the default that docs/language.md documents.</summary>
public sealed class DefaultsTests
{
    private static PolicySpec Bind(string body) => Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy(body), "d.miro").Policies);

    [Fact]
    public void A_minimal_policy_gets_the_documented_defaults()
    {
        var spec = Bind("");

        Assert.Null(spec.Namespace);
        Assert.Equal(new DeviceSpec(4L * 1024 * 1024 * 1024, null, new PowerSpec(2, 6), MeterKind.Auto, null), spec.Device);
        Assert.Equal(new DataSpec("fashion_mnist", 5, 2, 3136, 0.1, null), spec.Data);
        Assert.Equal(new MemorySpec(new StreamSpec(768), new EpisodicSpec(500, EpisodicSelection.Balanced), null, null), spec.Memory);
        Assert.Equal(new TrainSpec(new ModelSpec(ModelKind.Mlp, EquatableArray.Create(100, 100)), LearnerKind.Er, 1, 16, 1, ReplayMix.Concat,
            LossKind.CrossEntropy, new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0, 0)), spec.Train);
        Assert.Empty(spec.Budgets);
        Assert.Empty(spec.Tunables);
        Assert.Null(spec.Profile);
        Assert.Empty(spec.Rules);
    }

    [Fact]
    public void An_empty_profile_block_gets_the_documented_defaults()
    {
        var spec = Bind("  tune { episodic.capacity in {200, 300} }\n  profile { }\n");

        Assert.Equal(new ProfileSpec(2, 0.05, 1, 0, 0.4, NavigationKind.Grid, 1.0, Objective.AccuracyPerJoule), spec.Profile);
    }

    [Fact]
    public void Storage_tier_swap_and_budget_clauses_have_defaults()
    {
        var text = DiagnosticCases.Policy("  budget { energy 1 kJ }\n")
            .Replace("episodic capacity 500", "episodic capacity 500  storage capacity 1 GiB  swap ratio 50%", System.StringComparison.Ordinal);
        var bound = Assert.Single(MiroCompiler.Compile(text, "d.miro").Policies);

        Assert.Equal(new StorageTierSpec(1L << 30, "miro-store"), bound.Memory.Storage);
        Assert.Equal(new SwapSpec(0.5, 1, SwapPolicy.Random), bound.Memory.Swap);
        Assert.Equal(new BudgetSpec(1000, BudgetScope.PerTask, ExceedAction.Warn), Assert.Single(bound.Budgets));
    }

    [Theory]
    [InlineData("cifar10", 12288)]
    [InlineData("cifar100", 12288)]
    [InlineData("mnist", 3136)]
    public void The_sample_size_defaults_to_the_dataset_as_float32(string dataset, long bytes)
    {
        Assert.Equal(bytes, Bind("  data { dataset " + dataset + " }\n").Data.SampleBytes);
    }

    [Fact]
    public void Adam_defaults_to_a_smaller_learning_rate_than_sgd()
    {
        Assert.Equal(new OptimizerSpec(OptimizerKind.Adam, 0.001, 0, 0), Bind("  train { optimizer adam }\n").Train.Optimizer);
        Assert.Equal(new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0, 0), Bind("  train { optimizer sgd }\n").Train.Optimizer);
    }
}

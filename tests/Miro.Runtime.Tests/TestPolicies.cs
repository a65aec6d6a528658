using Miro.Dsl.Model;
using Miro.Runtime.Tests.Energy;

namespace Miro.Runtime.Tests;

/// <summary>Small <see cref="PolicySpec"/>s built in code for runtime tests.</summary>
internal static class TestPolicies
{
    public static PolicySpec Mlp(
        int epochs = 2,
        int batch = 16,
        int episodic = 100,
        int stream = 200,
        BudgetSpec[]? budgets = null,
        TunableSpec[]? tunables = null,
        WhenRuleSpec[]? rules = null,
        DeviceSpec? device = null) =>
        new(
            "Test",
            null,
            device ?? TestDevices.Nano(MeterKind.Model),
            new DataSpec("fashion_mnist", 2, 2, 784 * 4, 0.1, null),
            new MemorySpec(new StreamSpec(stream), new EpisodicSpec(episodic, EpisodicSelection.Balanced), null, null),
            new TrainSpec(
                new ModelSpec(ModelKind.Mlp, EquatableArray.Create(32)),
                LearnerKind.Er, epochs, batch, 1, ReplayMix.Concat, LossKind.CrossEntropy,
                new OptimizerSpec(OptimizerKind.Sgd, 0.05, 0.9, 0)),
            EquatableArray.Create(budgets ?? System.Array.Empty<BudgetSpec>()),
            EquatableArray.Create(tunables ?? System.Array.Empty<TunableSpec>()),
            null,
            EquatableArray.Create(rules ?? System.Array.Empty<WhenRuleSpec>()));
}

using Miro.Dsl.Model;

namespace Miro.Runtime.Tests;

/// <summary>PolicySpecs built in C# for tests (the DSL is tested elsewhere).</summary>
internal static class TestPolicies
{
    public static PolicySpec Er(
        int episodic = 200,
        int stream = 100_000,
        int epochs = 1,
        int batch = 10,
        double lr = 0.05,
        LearnerKind learner = LearnerKind.Er,
        ReplayMix replay = ReplayMix.Concat,
        EpisodicSelection selection = EpisodicSelection.Balanced,
        ModelKind model = ModelKind.Mlp,
        int[]? hidden = null,
        int tasks = 5,
        int classesPerTask = 2,
        int[]? classOrder = null,
        double validation = 0,
        LossKind loss = LossKind.CrossEntropy,
        double momentum = 0) =>
        new(
            Name: "Test",
            Namespace: null,
            Device: new DeviceSpec(4L << 30, null, new PowerSpec(2, 6), MeterKind.Model, null),
            Data: new DataSpec("fashion_mnist", tasks, classesPerTask, 784 * 4, validation,
                classOrder is null ? null : new EquatableArray<int>(classOrder)),
            Memory: new MemorySpec(new StreamSpec(stream), new EpisodicSpec(episodic, selection), null, null),
            Train: new TrainSpec(
                new ModelSpec(model, new EquatableArray<int>(hidden ?? new[] { 100, 100 })),
                learner, epochs, batch, 1, replay, loss, new OptimizerSpec(OptimizerKind.Sgd, lr, momentum, 0)),
            Budgets: EquatableArray<BudgetSpec>.Empty,
            Tunables: EquatableArray<TunableSpec>.Empty,
            Profile: null,
            Rules: EquatableArray<WhenRuleSpec>.Empty);
}

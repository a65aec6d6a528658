using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Dsl;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests.Candidates;

/// <summary>Candidate enumeration over tunables narrowed by <c>when</c> rules (shared by generated policies and the runtime).</summary>
public sealed class CandidateSpaceTests
{
    private static readonly ResourceState Plenty = new(8L << 30, 1L << 40, 1.0);

    private static PolicySpec Spec(EquatableArray<TunableSpec> tunables, params WhenRuleSpec[] rules) => new(
        "P", null,
        new DeviceSpec(4L << 30, null, new PowerSpec(1, 2), MeterKind.Model, null),
        new DataSpec("mnist", 5, 2, 784, 0, null),
        new MemorySpec(new StreamSpec(100), new EpisodicSpec(100, EpisodicSelection.Balanced), null, null),
        new TrainSpec(new ModelSpec(ModelKind.Mlp, EquatableArray.Create(10)), LearnerKind.Er, 1, 10, 1, ReplayMix.Concat, LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Sgd, 0.1, 0, 0)),
        EquatableArray<BudgetSpec>.Empty, tunables, null, EquatableArray.Create(rules));

    private static TunableSpec Tune(TunableParameter parameter, params double[] values) => new(parameter, EquatableArray.Create(values));

    private static WhenRuleSpec When(ResourceKind resource, Comparison comparison, double threshold, params TunableSpec[] tunables) =>
        new(new ResourceCondition(resource, comparison, threshold), EquatableArray.Create(tunables));

    private static List<(double, double)> Pairs(CandidateSpace space, ResourceState state)
    {
        var pairs = new List<(double, double)>();
        foreach (var ordinal in space.Enumerate(state)) pairs.Add((space.ValueOf(ordinal, 0), space.ValueOf(ordinal, 1)));
        return pairs;
    }

    private static readonly EquatableArray<TunableSpec> TwoTunables = EquatableArray.Create(
        Tune(TunableParameter.EpisodicCapacity, 200, 300, 400),
        Tune(TunableParameter.StreamCapacity, 64, 128));

    [Fact]
    public void Without_rules_the_candidates_are_the_cross_product_with_the_last_tunable_fastest()
    {
        var space = CandidateSpace.Create(Spec(TwoTunables));

        Assert.Equal(6, space.Count);
        Assert.Equal(new[] { (200.0, 64.0), (200, 128), (300, 64), (300, 128), (400, 64), (400, 128) }, Pairs(space, Plenty));
    }

    [Fact]
    public void A_rule_applies_only_when_its_condition_holds()
    {
        var space = CandidateSpace.Create(Spec(TwoTunables,
            When(ResourceKind.DramAvailable, Comparison.Less, 1L << 30, Tune(TunableParameter.EpisodicCapacity, 200))));

        Assert.Equal(6, Pairs(space, Plenty).Count);
        Assert.Equal(new[] { (200.0, 64.0), (200, 128) }, Pairs(space, Plenty with { DramAvailableBytes = 512L << 20 }));
    }

    [Fact]
    public void Several_applying_rules_intersect()
    {
        var space = CandidateSpace.Create(Spec(TwoTunables,
            When(ResourceKind.DramAvailable, Comparison.Less, 1L << 30, Tune(TunableParameter.EpisodicCapacity, 200, 300)),
            When(ResourceKind.StorageFree, Comparison.LessOrEqual, 1e9, Tune(TunableParameter.EpisodicCapacity, 300, 400), Tune(TunableParameter.StreamCapacity, 64))));

        var both = new ResourceState(512L << 20, 1_000_000_000, null);

        Assert.Equal(new[] { (300.0, 64.0) }, Pairs(space, both));
        Assert.Equal(0b11UL, space.ActiveRules(both));
    }

    [Theory]
    [InlineData(Comparison.Less, 0.2, false)]
    [InlineData(Comparison.LessOrEqual, 0.2, true)]
    [InlineData(Comparison.Greater, 0.1, true)]
    [InlineData(Comparison.GreaterOrEqual, 0.3, false)]
    public void Battery_conditions_compare_the_level_as_a_fraction(Comparison comparison, double threshold, bool expected)
    {
        var state = new ResourceState(0, 0, 0.2);

        Assert.Equal(expected, state.Satisfies(new ResourceCondition(ResourceKind.BatteryLevel, comparison, threshold)));
    }

    [Fact]
    public void A_battery_rule_never_applies_to_a_device_without_a_battery()
    {
        var state = new ResourceState(0, 0, BatteryLevel: null);

        Assert.False(state.Satisfies(new ResourceCondition(ResourceKind.BatteryLevel, Comparison.Less, 0.5)));
    }

    [Fact]
    public void A_policy_without_tunables_has_exactly_one_candidate()
    {
        var space = CandidateSpace.Create(Spec(EquatableArray<TunableSpec>.Empty));

        var count = 0;
        foreach (var _ in space.Enumerate(Plenty)) count++;

        Assert.Equal(1, count);
    }

    [Fact]
    public void A_rule_on_an_undeclared_tunable_is_rejected_with_a_message_naming_it()
    {
        var spec = Spec(EquatableArray.Create(Tune(TunableParameter.EpisodicCapacity, 1)),
            When(ResourceKind.DramAvailable, Comparison.Less, 1, Tune(TunableParameter.Batch, 8)));

        var error = Assert.Throws<ArgumentException>(() => CandidateSpace.Create(spec));

        Assert.Contains("Batch", error.Message);
    }

    [Fact]
    public void Enumerating_typed_candidates_allocates_nothing_per_candidate()
    {
        var spec = Spec(EquatableArray.Create(
            Tune(TunableParameter.EpisodicCapacity, Enumerable.Range(1, 100).Select(i => (double)i).ToArray()),
            Tune(TunableParameter.StreamCapacity, Enumerable.Range(1, 100).Select(i => (double)i).ToArray())));
        var space = CandidateSpace.Create(spec);
        Func<long, (int, int)> decode = ordinal => ((int)space.ValueOf(ordinal, 0), (int)space.ValueOf(ordinal, 1));
        var set = new CandidateSet<(int, int)>(space, Plenty, decode);
        Sum(set); // warm up (JIT)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Sum(set);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100 * 5050 * 2, sum);
        Assert.Equal(0, allocated);
    }

    private static long Sum(CandidateSet<(int, int)> set)
    {
        long sum = 0;
        foreach (var (a, b) in set) sum += a + b;
        return sum;
    }

    [Fact]
    public void A_default_candidate_set_is_empty_rather_than_throwing()
    {
        Assert.Empty(default(CandidateSet<int>));
    }
}

using System;
using Miro.Dsl;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests.Candidates;

/// <summary>Candidate K of a tune space as a fixed spec (what <c>miro run --configuration K</c> and sweeps run).</summary>
public sealed class FixedCandidateTests
{
    private const string Source = """
        policy P {
          device { dram 2 GiB  storage ssd 32 GiB { read 1.7 nJ/B  write 3.4 nJ/B }  power { idle 5 W  active 15 W } }
          data { dataset fashion_mnist  tasks 5  classes 2 per task  sample 3136 B }
          memory {
            stream capacity 1200 samples
            episodic capacity 200 samples
            storage capacity unbounded at "store"
            swap ratio 25% every 1 epoch policy random
          }
          train { model mlp(hidden: [100])  epochs 5  batch 16  replay balanced }
          tune {
            episodic.capacity in {100, 200, 400}
            swap.ratio in {10%, 50%}
            train.epochs in {1, 3}
          }
          profile { from task 2  sample 10%  trial 1 epoch }
          when dram.available < 1 GiB { tune episodic.capacity in {100} }
        }
        """;

    private static PolicySpec Spec()
    {
        var compiled = MiroCompiler.Compile(Source, "p.miro");
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        return compiled.Policies[0];
    }

    [Fact]
    public void Count_is_the_full_cross_product()
    {
        Assert.Equal(12, FixedCandidate.Count(Spec()));
    }

    [Fact]
    public void Candidate_values_replace_the_base_values_in_mixed_radix_order_last_tunable_fastest()
    {
        var spec = Spec();

        // ordinal = em * 4 + ratio * 2 + epochs
        var seven = FixedCandidate.Apply(spec, 7);
        Assert.Equal(200, seven.Memory.Episodic.Capacity);
        Assert.Equal(0.5, seven.Memory.Swap!.Ratio);
        Assert.Equal(3, seven.Train.Epochs);

        var zero = FixedCandidate.Apply(spec, 0);
        Assert.Equal((100, 0.1, 1), (zero.Memory.Episodic.Capacity, zero.Memory.Swap!.Ratio, zero.Train.Epochs));
        var last = FixedCandidate.Apply(spec, 11);
        Assert.Equal((400, 0.5, 3), (last.Memory.Episodic.Capacity, last.Memory.Swap!.Ratio, last.Train.Epochs));
    }

    [Fact]
    public void A_fixed_candidate_has_no_profile_tunables_or_rules_and_keeps_everything_else()
    {
        var spec = Spec();
        var fixedSpec = FixedCandidate.Apply(spec, 5);

        Assert.Null(fixedSpec.Profile);
        Assert.Empty(fixedSpec.Tunables);
        Assert.Empty(fixedSpec.Rules);
        Assert.Equal(1, FixedCandidate.Count(fixedSpec));
        Assert.Equal(spec.Memory.Stream, fixedSpec.Memory.Stream);
        Assert.Equal(spec.Train.Batch, fixedSpec.Train.Batch);
        Assert.Equal(spec.Memory.Storage, fixedSpec.Memory.Storage);
        Assert.Equal(spec.Device, fixedSpec.Device);
    }

    [Fact]
    public void Applying_the_same_ordinal_twice_gives_equal_specs()
    {
        Assert.Equal(FixedCandidate.Apply(Spec(), 9), FixedCandidate.Apply(Spec(), 9));
        Assert.NotEqual(FixedCandidate.Apply(Spec(), 9), FixedCandidate.Apply(Spec(), 8));
    }

    [Fact]
    public void Describe_writes_values_as_the_spec_does()
    {
        Assert.Equal("episodic.capacity 200, swap.ratio 50%, train.epochs 3", FixedCandidate.Describe(Spec(), 7));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void An_ordinal_outside_the_space_names_the_valid_range(long ordinal)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FixedCandidate.Apply(Spec(), ordinal));
        Assert.Contains("numbered 0 to 11", e.Message);
    }
}

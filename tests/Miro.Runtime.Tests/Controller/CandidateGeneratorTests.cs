using System.Linq;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Controller;
using Xunit;

namespace Miro.Runtime.Tests.Controller;

public sealed class CandidateGeneratorTests
{
    private static readonly FeasibleResources Plenty = new(StoredSamples: 10_000, TaskSamples: 900, DramBytes: 1L << 30, SampleBytes: 3136);

    private static ResourceState Dram(long bytes) => new(bytes, 1L << 40, null);

    [Fact]
    public void The_grid_is_the_cross_product_with_undeclared_tunables_at_the_base_values()
    {
        PolicySpec policy = ControllerPolicies.Small();
        CandidateList list = CandidateGenerator.Generate(policy, CandidateSpace.Create(policy), Dram(1L << 30), Plenty, seed: 1, task: 1);

        Assert.Equal(
            new[] { (50, 200), (50, 400), (100, 200), (100, 400) },
            list.Candidates.Select(c => (c.EpisodicCapacity, c.StreamCapacity)));
        Assert.All(list.Candidates, c => Assert.Equal((0.5, 2, 32), (c.SwapRatio!.Value, c.Epochs, c.Batch)));
        Assert.Equal(4, list.Allowed);
        Assert.Equal(0, list.Clipped + list.Duplicates + list.Infeasible + list.NotSampled);
    }

    [Fact]
    public void A_when_rule_that_applies_narrows_the_candidates()
    {
        PolicySpec policy = ControllerPolicies.Small(extra: "when dram.available < 512 MiB { tune episodic.capacity in {50} }");
        CandidateSpace space = CandidateSpace.Create(policy);

        CandidateList low = CandidateGenerator.Generate(policy, space, Dram(256L << 20), Plenty, 1, 1);
        CandidateList high = CandidateGenerator.Generate(policy, space, Dram(1L << 30), Plenty, 1, 1);

        Assert.All(low.Candidates, c => Assert.Equal(50, c.EpisodicCapacity));
        Assert.Equal(2, low.Candidates.Count);
        Assert.Equal(4, high.Candidates.Count);
    }

    [Fact]
    public void Candidates_are_clipped_to_the_store_the_task_and_the_dram_and_then_deduplicated()
    {
        PolicySpec policy = ControllerPolicies.Small(tune: "episodic.capacity in {50, 100, 200}\n stream.capacity in {200, 400}");
        // 80 stored samples: EM 100 and 200 both become 80 (one duplicate); 300 task samples: SB 400 becomes 300.
        var feasible = new FeasibleResources(StoredSamples: 80, TaskSamples: 300, DramBytes: 1L << 30, SampleBytes: 3136);

        CandidateList list = CandidateGenerator.Generate(policy, CandidateSpace.Create(policy), Dram(1L << 30), feasible, 1, 1);

        Assert.Equal(
            new[] { (50, 200), (50, 300), (80, 200), (80, 300) },
            list.Candidates.Select(c => (c.EpisodicCapacity, c.StreamCapacity)));
        Assert.Equal(2, list.Duplicates);
        Assert.Equal(5, list.Clipped);
    }

    [Fact]
    public void The_dram_bound_lowers_the_episodic_memory_and_drops_what_cannot_fit()
    {
        // Room for 350 samples: SB 400 alone does not fit; SB 200 leaves 150 for the EM.
        var feasible = new FeasibleResources(10_000, 900, DramBytes: 350 * 3136, SampleBytes: 3136);

        Assert.Null(CandidateGenerator.Clip(new Candidate(100, 400, 0.5, 2, 32), feasible));
        Assert.Equal(new Candidate(150, 200, 0.5, 2, 32), CandidateGenerator.Clip(new Candidate(300, 200, 0.5, 2, 32), feasible));
        Assert.Equal(new Candidate(100, 200, 0.5, 2, 32), CandidateGenerator.Clip(new Candidate(100, 200, 0.5, 2, 32), feasible));
    }

    [Fact]
    public void A_random_share_is_reproducible_by_seed_and_keeps_cross_product_order()
    {
        PolicySpec policy = ControllerPolicies.Small(
            tune: "episodic.capacity in {20, 40, 60, 80, 100}\n stream.capacity in {100, 200, 300, 400}",
            profile: "from task 2  sample 20%  trial 1 epoch  keep top 50%  navigate random 25%  objective accuracy");
        CandidateSpace space = CandidateSpace.Create(policy);

        CandidateList a = CandidateGenerator.Generate(policy, space, Dram(1L << 30), Plenty, seed: 7, task: 1);
        CandidateList b = CandidateGenerator.Generate(policy, space, Dram(1L << 30), Plenty, seed: 7, task: 1);
        CandidateList[] others = Enumerable.Range(8, 5).Select(s => CandidateGenerator.Generate(policy, space, Dram(1L << 30), Plenty, s, 1)).ToArray();

        Assert.Equal(5, a.Candidates.Count); // ceil(25% of 20)
        Assert.Equal(15, a.NotSampled);
        Assert.Equal(a.Candidates, b.Candidates);
        Assert.Contains(others, o => !o.Candidates.SequenceEqual(a.Candidates));
        var all = CandidateGenerator.Generate(policy with { Profile = policy.Profile! with { Navigation = NavigationKind.Grid } }, space, Dram(1L << 30), Plenty, 7, 1).Candidates.ToList();
        var positions = a.Candidates.Select(c => all.IndexOf(c)).ToArray();
        Assert.Equal(positions.OrderBy(p => p), positions);
    }
}

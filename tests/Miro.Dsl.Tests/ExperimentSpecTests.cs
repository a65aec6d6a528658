using System;
using System.IO;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>
/// The four systems of the paper-style experiment (examples/experiments) come from one spec: they
/// differ only where the baseline definitions say they must (DESIGN.md §5).
/// </summary>
public sealed class ExperimentSpecTests
{
    private static PolicySpec Load(string name)
    {
        var compiled = MiroCompiler.Compile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "experiments", name + ".miro")), name + ".miro");
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        Assert.Empty(compiled.Diagnostics);
        return Assert.Single(compiled.Policies);
    }

    [Fact]
    public void Carm_fixed_is_miro_without_profiling_in_its_base_configuration()
    {
        var miro = Load("miro");
        var carm = Load("carm-fixed");

        Assert.NotNull(miro.Profile);
        Assert.Equal(carm, miro with { Name = carm.Name, Profile = null, Tunables = EquatableArray<TunableSpec>.Empty, Rules = EquatableArray<WhenRuleSpec>.Empty });
    }

    [Fact]
    public void The_base_configuration_is_one_of_the_oracles_candidates()
    {
        var miro = Load("miro");
        var carm = Load("carm-fixed");

        Assert.Equal(8, FixedCandidate.Count(miro));
        Assert.Equal(carm, FixedCandidate.Apply(miro, 6) with { Name = carm.Name });
    }

    [Fact]
    public void Er_ram_only_is_carm_fixed_without_the_storage_tier_and_swapping()
    {
        var carm = Load("carm-fixed");
        var er = Load("er-ram-only");

        Assert.NotNull(carm.Memory.Storage);
        Assert.NotNull(carm.Memory.Swap);
        Assert.Equal(er, carm with { Name = er.Name, Memory = carm.Memory with { Storage = null, Swap = null } });
    }
}

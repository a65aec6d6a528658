using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>
/// Huge repetitive inputs compile without hanging. The guard is generous (a minute for inputs that
/// take about a second); it exists to catch work that grows with the square of the input, which for
/// these sizes would take many minutes (a 100,000-value set once took 47 s).
/// </summary>
public sealed class LargeInputTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private const string Head = "policy P { device { dram 4 GiB power { idle 2 W active 6 W } } memory { stream capacity 1 episodic capacity 1 storage capacity 1 GiB swap ratio 25% ";

    public static TheoryData<string, string, bool> Inputs() => new()
    {
        { "200,000 tune values", Head + "} tune { episodic.capacity in {" + string.Join(",", Enumerable.Range(1, 200_000)) + "} } }", true },
        { "200,000 repeated clauses", Head + string.Concat(Enumerable.Repeat("every 1 ", 200_000)) + "} }", false },
        { "200,000 stray words", Head + string.Concat(Enumerable.Repeat("dram ", 200_000)) + "} }", false },
        { "200,000 policy keywords", string.Concat(Enumerable.Repeat("policy ", 200_000)), false },
        { "200,000 open braces", new string('{', 200_000), false },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Large_inputs_compile_without_hanging(string description, string input, bool binds)
    {
        var result = await Task.Run(() => MiroCompiler.CompileUnguarded(input, "large.miro")).WaitAsync(HangGuard);

        Assert.True(binds ? result.Diagnostics.Count == 0 && result.Policies.Count == 1 : result.HasErrors && result.Policies.Count == 0, description);
    }
}

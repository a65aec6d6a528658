using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>Each range rule of docs/language.md rejects a value just outside it (MIRO2006) at the value's span.</summary>
public sealed class RangeCheckTests
{
    private const string Storage = "episodic capacity 500  storage capacity 1 GiB";

    [Theory]
    [InlineData("  data { validation [|100%|] }\n", "validation is 100%; it must be at least 0% and below 100%")]
    [InlineData("  data { validation [|-5%|] }\n", "validation is -5%; it must be at least 0% and below 100%")]
    [InlineData("  data { tasks [|0|] }\n", "tasks is 0; it must be at least 1")]
    [InlineData("  data { sample [|0 B|] }\n", "sample is 0 B; it must be a positive size of at most 8 EB")]
    [InlineData("  train { epochs [|0|] }\n", "epochs is 0; it must be at least 1")]
    [InlineData("  train { batch [|-16|] }\n", "batch is -16; it must be at least 1")]
    [InlineData("  train { threads [|2000|] }\n", "threads is 2000; it must be between 1 and 1024")]
    [InlineData("  train { optimizer sgd(lr: [|0|]) }\n", "lr is 0; it must be greater than zero")]
    [InlineData("  train { optimizer sgd(momentum: [|1|]) }\n", "momentum is 1; it must be at least 0 and below 1")]
    [InlineData("  train { optimizer adam(weight_decay: [|-0.1|]) }\n", "weight_decay is -0.1; it must be at least 0")]
    [InlineData("  budget { energy [|0 kJ|] }\n", "energy budget is 0 kJ; it must be greater than zero")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  profile { sample [|0%|] }\n", "profile sample is 0%; it must be above 0% and at most 100%")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  profile { keep top [|150%|] }\n", "keep top is 150%; it must be above 0% and at most 100%")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  profile { from task [|0|] }\n", "from task is 0; it must be at least 1")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  profile { warmup [|-1|] epochs }\n", "warmup epochs is -1; it must be at least 0")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  profile { navigate random [|120%|] }\n", "navigate random is 120%; it must be above 0% and at most 100%")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  when battery.level < [|120%|] { tune episodic.capacity in {200} }\n", "battery.level is 120%; it must be at least 0% and at most 100%")]
    [InlineData("  tune { episodic.capacity in {200, 300} }\n  when dram.available < [|-1 GiB|] { tune episodic.capacity in {200} }\n", "dram.available threshold is -1 GiB; it must be at least 0 B")]
    [InlineData("  tune { episodic.capacity in {[|0|], 300} }\n", "episodic.capacity is 0; it must be at least 1")]
    public void Values_outside_their_range_are_rejected(string body, string message) => AssertOutOfRange(DiagnosticCases.Policy(body), message);

    [Theory]
    [InlineData("stream capacity 768", "stream capacity [|0|]", "stream capacity is 0; it must be at least 1")]
    [InlineData("episodic capacity 500", "episodic capacity [|-1|]", "episodic capacity is -1; it must be at least 1")]
    [InlineData("episodic capacity 500", Storage + "  swap ratio [|0%|]", "swap ratio is 0%; it must be above 0% and at most 100%")]
    [InlineData("episodic capacity 500", Storage + "  swap ratio [|101%|]", "swap ratio is 101%; it must be above 0% and at most 100%")]
    [InlineData("episodic capacity 500", Storage + "  swap ratio 25% every [|0|] epochs", "swap interval (every) is 0; it must be at least 1")]
    public void Memory_values_outside_their_range_are_rejected(string setting, string replacement, string message) =>
        AssertOutOfRange(DiagnosticCases.Policy("").Replace(setting, replacement, System.StringComparison.Ordinal), message);

    [Theory]
    [InlineData("dram [|0 GiB|]", "dram is 0 GiB; it must be a positive size of at most 8 EB")]
    [InlineData("dram 4 GiB  power { idle [|0 W|]  active 6 W }", "idle is 0 W; it must be greater than zero")]
    [InlineData("dram 4 GiB  power { idle 6 W  active [|2 W|] }", "active power is 2 W; it must be at least the idle power (6 W)")]
    public void Device_values_outside_their_range_are_rejected(string device, string message)
    {
        var text = DiagnosticCases.Policy("").Replace("dram 4 GiB  power { idle 2 W  active 6 W }", device, System.StringComparison.Ordinal);
        AssertOutOfRange(text, message);
    }

    private static void AssertOutOfRange(string marked, string message)
    {
        var input = MarkedText.Parse(marked);
        var d = Assert.Single(MiroCompiler.Compile(input.Text, "r.miro").Diagnostics, x => x.Id == "MIRO2006");

        Assert.Equal(message, d.Message);
        Assert.Equal((input.Line, input.Column, input.Length), (d.Span.Start.Line, d.Span.Start.Column, d.Span.Length));
    }
}

using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>The compiler hands each bound policy the spans of its settings (what generated docs quote),
/// beside the spec, so layout never changes a spec's equality.</summary>
public sealed class SourceMapTests
{
    private const string Text =
        "policy P {\n" +
        "  device { dram 4 GiB  power { idle 2 W  active 6 W } }  // the board\n" +
        "  memory {\n" +
        "    stream capacity 768 samples\n" +
        "    episodic capacity 500 samples /* DRAM */\n" +
        "  }\n" +
        "  tune { episodic.capacity in {200, 500} }\n" +
        "  profile { trial 1 epoch  keep top 40% }\n" +
        "  when dram.available < 1 GiB {\n" +
        "    tune episodic.capacity in {200}\n" +
        "  }\n" +
        "}\n";

    private static SpecSourceMap Sources() => Assert.Single(MiroCompiler.Compile(Text, "p.miro").Sources);

    [Theory]
    [InlineData("policy", 0, 0, "policy P")]
    [InlineData("device.dram", 1, 11, "dram 4 GiB")]
    [InlineData("device.power", 1, 23, "power { idle 2 W  active 6 W }")]
    [InlineData("memory.episodic", 4, 4, "episodic capacity 500 samples")]
    [InlineData("tune.episodic.capacity", 6, 9, "episodic.capacity in {200, 500}")]
    [InlineData("profile.trial", 7, 12, "trial 1 epoch")]
    [InlineData("profile.keep", 7, 27, "keep top 40%")]
    [InlineData("when", 8, 2, "when dram.available < 1 GiB")]
    public void Each_setting_is_located_and_quoted_without_comments_or_opening_brace(string key, int line, int column, string text)
    {
        var source = Sources().Find(key);

        Assert.NotNull(source);
        Assert.Equal((line, column, text), (source!.Line, source.Column, source.Text));
        Assert.Equal(text, Text.Substring(source.Start, text.Length));
    }

    [Fact]
    public void The_same_policy_laid_out_differently_binds_to_an_equal_spec_with_different_sources()
    {
        var compact = MiroCompiler.Compile(Text.Replace("\n    ", " ", System.StringComparison.Ordinal), "p.miro");
        var original = MiroCompiler.Compile(Text, "p.miro");

        Assert.Equal(original.Policies, compact.Policies);
        Assert.NotEqual(original.Sources, compact.Sources);
    }
}

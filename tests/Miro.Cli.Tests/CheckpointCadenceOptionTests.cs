using System;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>How often <c>miro run</c> checkpoints inside a task: by time by default, by steps on request.</summary>
public sealed class CheckpointCadenceOptionTests
{
    private static RunOptions Parse(params string[] args)
    {
        Assert.True(RunCommand.TryParse(["a.miro", .. args], out var options, out string? error), error);
        return options;
    }

    [Fact]
    public void By_default_checkpoints_are_time_bounded_at_one_per_30_seconds_not_counted_in_steps()
    {
        var options = Parse();
        Assert.Equal(TimeSpan.FromSeconds(30), options.CheckpointInterval);
        Assert.Equal(0, options.CheckpointEverySteps);
    }

    [Fact]
    public void Checkpoint_every_n_steps_replaces_the_time_default()
    {
        var options = Parse("--checkpoint-every", "200");
        Assert.Equal(200, options.CheckpointEverySteps);
        Assert.Equal(TimeSpan.Zero, options.CheckpointInterval);
    }

    [Theory]
    [InlineData("2min", 120_000)]
    [InlineData("45s", 45_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    public void Checkpoint_interval_takes_a_time_with_a_unit(string value, long milliseconds)
    {
        var options = Parse("--checkpoint-interval", value);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.CheckpointInterval);
    }

    [Fact]
    public void Steps_and_interval_together_keep_both()
    {
        var options = Parse("--checkpoint-every", "50", "--checkpoint-interval", "10s");
        Assert.Equal(50, options.CheckpointEverySteps);
        Assert.Equal(TimeSpan.FromSeconds(10), options.CheckpointInterval);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("-5s")]
    [InlineData("10 days")]
    [InlineData("s")]
    public void A_checkpoint_interval_without_a_known_unit_is_a_usage_error_saying_what_is_right(string value)
    {
        Assert.False(RunCommand.TryParse(["a.miro", "--checkpoint-interval", value], out _, out string? error));
        Assert.Contains($"--checkpoint-interval needs a time such as 30s, 2min, 500ms or 1h (0: not by time), not '{value}'", error);
    }
}

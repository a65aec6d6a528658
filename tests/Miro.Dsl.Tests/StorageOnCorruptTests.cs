using System;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary><c>storage capacity .. on corrupt skip | fail</c>: what a run does with a sample that fails its checksum.</summary>
public sealed class StorageOnCorruptTests
{
    private static CompilationResult Compile(string storage) =>
        MiroCompiler.Compile(DiagnosticCases.Policy("").Replace("episodic capacity 500", "episodic capacity 500  " + storage, StringComparison.Ordinal), "c.miro");

    [Theory]
    [InlineData("storage capacity 1 GiB", CorruptSampleAction.Skip)]
    [InlineData("storage capacity 1 GiB on corrupt skip", CorruptSampleAction.Skip)]
    [InlineData("storage capacity 1 GiB on corrupt fail", CorruptSampleAction.Fail)]
    [InlineData("storage capacity unbounded on corrupt fail at \"s\"", CorruptSampleAction.Fail)]
    public void On_corrupt_binds_with_skip_as_the_default(string storage, CorruptSampleAction expected)
    {
        var result = Compile(storage);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, Assert.Single(result.Policies).Memory.Storage!.OnCorrupt);
    }

    [Fact]
    public void A_bad_on_corrupt_value_is_reported_at_that_word()
    {
        var result = Compile("storage capacity 1 GiB on corrupt ignore");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MIRO2001", diagnostic.Id);
        Assert.Contains("unknown corrupt-sample action 'ignore'", diagnostic.Message);
        Assert.Contains("skip or fail", diagnostic.Message);
        string line = DiagnosticCases.Policy("").Split('\n')[diagnostic.Span.Start.Line];
        Assert.Equal("ignore", line.Replace("episodic capacity 500", "episodic capacity 500  storage capacity 1 GiB on corrupt ignore", StringComparison.Ordinal)
            .Substring(diagnostic.Span.Start.Column, "ignore".Length));
    }

    [Fact]
    public void On_corrupt_given_twice_is_a_duplicate()
    {
        var result = Compile("storage capacity 1 GiB on corrupt skip on corrupt fail");
        Assert.Contains(result.Diagnostics, d => d.Id == "MIRO2002");
    }
}

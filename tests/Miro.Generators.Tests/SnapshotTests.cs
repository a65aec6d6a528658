using System;
using System.IO;
using Miro.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Miro.Generators.Tests;

/// <summary>The in-repo snapshot helper: what it writes, when it fails, and how it reports a difference.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-snapshot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Matching_output_passes_and_leaves_no_received_file()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "a.verified.cs"), "line 1\r\nline 2\n");

        Snapshot.Match("line 1\nline 2\n", "a", _dir, accept: false);

        Assert.False(File.Exists(Path.Combine(_dir, "a.received.cs")));
    }

    [Fact]
    public void Mismatch_writes_the_received_file_and_fails_with_a_unified_diff()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "a.verified.cs"), "a\nb\nc\nd\ne\nf\ng\nh\n");

        var failure = Assert.Throws<XunitException>(() => Snapshot.Match("a\nb\nc\nd\nE\nf\ng\nh\n", "a", _dir, accept: false));

        Assert.Equal("a\nb\nc\nd\nE\nf\ng\nh\n", File.ReadAllText(Path.Combine(_dir, "a.received.cs")));
        Assert.Contains("--- verified\n+++ received\n@@ -2 +2 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", failure.Message);
        Assert.Contains(Snapshot.AcceptVariable + "=1", failure.Message);
    }

    [Fact]
    public void A_missing_snapshot_fails_and_says_how_to_accept_it()
    {
        var failure = Assert.Throws<XunitException>(() => Snapshot.Match("new", "b", _dir, accept: false));

        Assert.Contains("No snapshot", failure.Message);
        Assert.True(File.Exists(Path.Combine(_dir, "b.received.cs")));
    }

    [Fact]
    public void Accepting_writes_the_verified_file_and_removes_the_received_one()
    {
        Assert.Throws<XunitException>(() => Snapshot.Match("v1", "c", _dir, accept: false));

        Snapshot.Match("v1", "c", _dir, accept: true);

        Assert.Equal("v1", File.ReadAllText(Path.Combine(_dir, "c.verified.cs")));
        Assert.False(File.Exists(Path.Combine(_dir, "c.received.cs")));
    }

    [Fact]
    public void Distant_changes_get_separate_hunks()
    {
        var diff = Snapshot.UnifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12", "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY");

        Assert.Equal("--- verified\n+++ received\n@@ -1 +1 @@\n-1\n+X\n 2\n 3\n 4\n@@ -9 +9 @@\n 9\n 10\n 11\n-12\n+Y\n", diff);
    }
}

using Miro.Runtime.Data;
using System;
using System.IO;
using Miro.Runtime.Memory;
using Miro.Runtime.Runs;
using Xunit;

namespace Miro.Runtime.Tests.Runs;

public sealed class RunFolderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Folder => _dir.File("run");

    [Fact]
    public void A_second_owner_is_refused_with_the_holders_pid_until_the_first_lets_go()
    {
        using (RunFolder first = RunFolder.Claim(Folder, resume: false))
        {
            var error = Assert.Throws<RunFolderException>(() => RunFolder.Claim(Folder, resume: true));
            Assert.Contains($"in use by another miro process (PID {Environment.ProcessId})", error.Message);
        }

        using RunFolder again = RunFolder.Claim(Folder, resume: true);
        Assert.Equal(Path.GetFullPath(Folder), again.Path);
    }

    [Fact]
    public void A_new_run_is_refused_in_a_folder_that_holds_a_run()
    {
        string id;
        using (RunFolder first = RunFolder.Claim(Folder, resume: false))
        {
            id = first.RunId;
        }

        var error = Assert.Throws<RunFolderException>(() => RunFolder.Claim(Folder, resume: false));
        Assert.Contains("already holds a run (run.json)", error.Message);
        Assert.Contains("--force", error.Message);
        Assert.Contains("--resume", error.Message);

        using RunFolder resumed = RunFolder.Claim(Folder, resume: true);
        Assert.Equal(id, resumed.RunId);
    }

    [Fact]
    public void An_older_run_without_an_identity_counts_as_a_run()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "summary.json"), "{}");

        Assert.Throws<RunFolderException>(() => RunFolder.Claim(Folder, resume: false));
    }

    [Fact]
    public void Force_moves_the_old_run_aside_and_deletes_nothing()
    {
        using (RunFolder.Claim(Folder, resume: false))
        {
        }

        File.WriteAllText(Path.Combine(Folder, "summary.json"), "old results");

        using RunFolder fresh = RunFolder.Claim(Folder, resume: false, force: true);

        Assert.NotNull(fresh.MovedAside);
        Assert.Equal("old results", File.ReadAllText(Path.Combine(fresh.MovedAside!, "summary.json")));
        Assert.False(File.Exists(Path.Combine(Folder, "summary.json")));
    }

    [Fact]
    public void Resuming_a_folder_without_a_run_is_refused()
    {
        var error = Assert.Throws<RunFolderException>(() => RunFolder.Claim(Folder, resume: true));
        Assert.Contains("holds no run to resume", error.Message);
    }

    [Fact]
    public void A_store_refuses_another_run_and_is_left_untouched()
    {
        string store = Path.Combine(Folder, "miro-store");
        using (var mine = SampleStore.Open(store, 4, SampleEncoding.Float32, runId: "run-a"))
        {
            mine.Append(1, [1], [0], new float[4]);
        }

        byte[] before = File.ReadAllBytes(Path.Combine(store, SampleStore.FileName));
        var error = Assert.Throws<SampleStoreException>(() => SampleStore.Open(store, 4, SampleEncoding.Float32, runId: "run-b"));

        Assert.Contains("belongs to another run (run-a), not to this run (run-b)", error.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(store, SampleStore.FileName)));
        using var same = SampleStore.Open(store, 4, SampleEncoding.Float32, runId: "run-a");
        Assert.Equal(1, same.Count);
    }
}

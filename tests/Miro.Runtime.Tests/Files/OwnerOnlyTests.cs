using Miro.Runtime.Data;
using System;
using System.IO;
using System.Linq;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Files;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Files;

/// <summary>The store, checkpoints and reports hold the user's data: owner-only unless the umask is stricter.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyTests
{
    /// <summary>The process umask, from /proc (reading it with umask(2) would change it for every thread).</summary>
    private static UnixFileMode Umask()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Umask:", StringComparison.Ordinal));
        return (UnixFileMode)Convert.ToInt32(line["Umask:".Length..].Trim(), 8);
    }

    private static void AssertMode(UnixFileMode wanted, string path)
    {
        UnixFileMode expected = wanted & ~Umask();
        UnixFileMode actual = File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;
        Assert.True(expected == actual, $"{path}: {Convert.ToString((int)actual, 8)}, expected {Convert.ToString((int)expected, 8)}");
    }

    [Fact]
    public void Store_checkpoint_and_reports_are_created_owner_only()
    {
        using var temp = new TempDirectory();
        string run = Path.Combine(temp.Path, "run", "nested");
        string storeDir = Path.Combine(run, "miro-store");
        using (var store = SampleStore.Open(storeDir, 4, SampleEncoding.Float32))
        {
            store.Append(1, [1], [0], new float[4]);
            AssertMode(OwnerOnly.FileMode, Path.Combine(storeDir, SampleStore.FileName) + "-wal");
        }

        CheckpointFile.Write(Path.Combine(run, Checkpointer.FileName), [("manifest", new byte[] { 1 })]);
        string report = ReportWriter.WriteTask(run, new TaskReport
        {
            Task = 1,
            Classes = [0, 1],
            StreamSamples = 1,
            Epochs = 1,
            Steps = 1,
            TrainedSamples = 1,
            FinalLoss = 0,
            StoppedEarly = false,
            Accuracies = [1.0],
            AverageAccuracy = 1,
            MemoryPerClass = new System.Collections.Generic.Dictionary<int, int>(),
            Configuration = new TaskConfiguration(1, 1, 1, 1),
            Seconds = new PhaseTimes(0, 0, 0, 0, 0, 0),
        });

        AssertMode(OwnerOnly.DirectoryMode, Path.Combine(temp.Path, "run"));
        AssertMode(OwnerOnly.DirectoryMode, run);
        AssertMode(OwnerOnly.DirectoryMode, storeDir);
        AssertMode(OwnerOnly.FileMode, Path.Combine(storeDir, SampleStore.FileName));
        AssertMode(OwnerOnly.FileMode, Path.Combine(run, Checkpointer.FileName));
        AssertMode(OwnerOnly.FileMode, report);
    }

    [Fact]
    public void An_existing_folder_keeps_the_mode_its_owner_gave_it()
    {
        using var temp = new TempDirectory();
        string shared = Path.Combine(temp.Path, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("755", 8));

        OwnerOnly.CreateDirectory(shared);

        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(shared) & (UnixFileMode)0x1FF);
    }
}

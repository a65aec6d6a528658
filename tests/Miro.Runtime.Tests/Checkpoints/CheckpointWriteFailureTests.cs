using System;
using System.Diagnostics;
using System.IO;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Files;
using Xunit;

namespace Miro.Runtime.Tests.Checkpoints;

/// <summary>A checkpoint write that fails says why, and the last good checkpoint stays in place.</summary>
public sealed class CheckpointWriteFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Checkpoint => _dir.File(Checkpointer.FileName);

    private static (string, byte[])[] Sections(int bytes) => [("manifest", new byte[bytes])];

    [Fact]
    public void A_write_that_fails_midway_keeps_the_last_good_file_and_leaves_no_temporary()
    {
        CheckpointFile.Write(Checkpoint, Sections(100));
        byte[] good = File.ReadAllBytes(Checkpoint);

        // The injected seam: the device fills up after part of the new checkpoint was written.
        var full = new IOException("No space left on device", 28);
        var thrown = Assert.Throws<IOException>(() => DurableFile.Replace(Checkpoint, stream =>
        {
            stream.Write(new byte[4096]);
            throw full;
        }));

        Assert.Same(full, thrown);
        Assert.Equal(good, File.ReadAllBytes(Checkpoint));
        Assert.False(File.Exists(Checkpoint + ".tmp"), "no half-written file is left beside the good one");
        Assert.Single(CheckpointFile.Read(Checkpoint));
    }

    [Fact]
    public void A_location_that_cannot_be_written_gives_one_message_with_the_file_the_operation_and_the_cause()
    {
        CheckpointFile.Write(Checkpoint, Sections(100));
        byte[] good = File.ReadAllBytes(Checkpoint);
        Directory.CreateDirectory(Checkpoint + ".tmp"); // something in the way of the new file (works as root too)

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Write(Checkpoint, Sections(200)));

        Assert.StartsWith($"Cannot write the checkpoint '{Checkpoint}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("The last good checkpoint is kept", error.Message);
        Assert.Equal(good, File.ReadAllBytes(Checkpoint));
    }

    [Theory]
    [InlineData(28, "No space left on device", "no space left on the device")]
    [InlineData(30, "Read-only file system", "read-only file system")]
    [InlineData(13, "Permission denied", "permission denied")]
    [InlineData(5, "Input/output error", "input/output error")]
    public void Causes_are_named_from_the_error_number(int errno, string text, string cause)
    {
        Assert.StartsWith(cause, FileFailure.Cause(new IOException(text, errno)), StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_errors_never_blame_free_space()
    {
        Assert.DoesNotContain("space", FileFailure.Cause(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.StartsWith("used by another process", FileFailure.Cause(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)), StringComparison.Ordinal);
        Assert.StartsWith("no space left", FileFailure.Cause(new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13)), StringComparison.Ordinal);
    }

    /// <summary>A real full file system: a 64 KiB tmpfs, where the kernel allows mounting one (root on Linux); otherwise nothing to check.</summary>
    [Fact]
    public void On_a_full_file_system_the_checkpoint_write_fails_cleanly_and_keeps_the_last_good_one()
    {
        string mount = _dir.File("full");
        Directory.CreateDirectory(mount);
        if (!OperatingSystem.IsLinux() || !Run("mount", $"-t tmpfs -o size=64k tmpfs {mount}"))
        {
            return;
        }

        try
        {
            string path = Path.Combine(mount, Checkpointer.FileName);
            CheckpointFile.Write(path, Sections(20_000));
            byte[] good = File.ReadAllBytes(path);

            var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Write(path, Sections(60_000)));

            Assert.Contains($"Cannot write the checkpoint '{path}': no space left on the device", error.Message);
            Assert.Equal(good, File.ReadAllBytes(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static bool Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Miro.Runtime.Files;

namespace Miro.Runtime.Runs;

/// <summary>
/// A run folder has one owner and holds one run. <see cref="Claim"/> takes an exclusive lock
/// (<c>run.lock</c>, held for the life of the process: a second process is refused with the
/// holder's PID from <c>run.owner</c>), refuses a new run in a folder that already holds one
/// (unless asked to move the old run aside: nothing is ever deleted), refuses to resume a folder
/// that holds no run, and gives the run its identity (<c>run.json</c>), which the sample store
/// records and checks so a store never serves another run's samples.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The lock file: locked exclusively while a process uses the folder.</summary>
    public const string LockFileName = "run.lock";

    /// <summary>The PID of the process that holds the lock (informational: the lock is what counts).</summary>
    public const string OwnerFileName = "run.owner";

    /// <summary>The run's identity, written when the run starts.</summary>
    public const string IdentityFileName = "run.json";

    // What a folder holding a run contains (run.json since this release; the others for older runs).
    private static readonly string[] RunMarkers = [IdentityFileName, "checkpoint.bin", "summary.json", "task-01.json"];

    private readonly FileStream _lock;

    private RunFolder(string path, string runId, FileStream lockStream, string? movedAside)
    {
        Path = path;
        RunId = runId;
        _lock = lockStream;
        MovedAside = movedAside;
    }

    /// <summary>The folder (full path).</summary>
    public string Path { get; }

    /// <summary>The run's identity (kept in <c>run.json</c>, recorded by the sample store).</summary>
    public string RunId { get; }

    /// <summary>Where <see cref="Claim"/> moved an earlier run (with <c>force</c>), or null.</summary>
    public string? MovedAside { get; }

    /// <summary>Claims <paramref name="folder"/> for this process.</summary>
    /// <param name="folder">The run folder (created owner-only when absent).</param>
    /// <param name="resume">True to continue the run the folder holds; false to start a new one.</param>
    /// <param name="force">For a new run: move a run the folder holds aside (to <c>folder.replaced-TIME</c>) instead of refusing.</param>
    /// <exception cref="RunFolderException">Another process holds the folder; it holds a run (new run without force); or it holds none (resume).</exception>
    public static RunFolder Claim(string folder, bool resume, bool force = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string path = System.IO.Path.GetFullPath(folder);
        string? movedAside = null;
        if (!resume && HoldsRun(path))
        {
            if (!force)
            {
                throw new RunFolderException(path,
                    $"'{path}' already holds a run ({Describe(path)}); a new run there would mix with it. " +
                    $"Use another --out folder, continue it with --resume {folder}, or pass --force to move the old run aside and start afresh.");
            }

            FileStream probe = Lock(path); // never move a folder another process is using
            probe.Dispose();
            movedAside = path + ".replaced-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            Directory.Move(path, movedAside);
        }

        if (resume && !HoldsRun(path))
        {
            throw new RunFolderException(path, $"No checkpoint and no run in '{path}': it holds no run to resume. Point --resume at the folder a killed or cancelled run was writing.");
        }

        try
        {
            OwnerOnly.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException(path, FileFailure.Describe("create the run folder", path, e), e);
        }

        FileStream lockStream = Lock(path);
        try
        {
            File.WriteAllText(System.IO.Path.Combine(path, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            string runId = resume ? ReadIdentity(path) : WriteIdentity(path);
            return new RunFolder(path, runId, lockStream, movedAside);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="path"/> holds (the files of) a run.</summary>
    public static bool HoldsRun(string path)
    {
        foreach (string marker in RunMarkers)
        {
            if (File.Exists(System.IO.Path.Combine(path, marker)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Releases the lock (the files stay: they record the run).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Path, OwnerFileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock is what counts; a stale owner file is overwritten by the next holder.
        }

        _lock.Dispose();
    }

    private static FileStream Lock(string path)
    {
        string file = System.IO.Path.Combine(path, LockFileName);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix: released by the kernel
            // when the process ends however it ends, so a killed run never leaves a stale lock.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly.FileMode;
            }

            return new FileStream(file, options);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            string owner = ReadOwner(path);
            throw new RunFolderException(path,
                $"'{path}' is in use by another miro process{owner}: one run folder has one owner. Wait for it to finish, stop it, or use another --out folder.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunFolderException(path, FileFailure.Describe("lock the run folder", file, e), e);
        }
    }

    private static string ReadOwner(string path)
    {
        try
        {
            string text = File.ReadAllText(System.IO.Path.Combine(path, OwnerFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? $" (PID {pid})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string Describe(string path)
    {
        var found = new System.Collections.Generic.List<string>();
        foreach (string marker in RunMarkers)
        {
            if (File.Exists(System.IO.Path.Combine(path, marker)))
            {
                found.Add(marker);
            }
        }

        return string.Join(", ", found);
    }

    private static string WriteIdentity(string path)
    {
        string id = Guid.NewGuid().ToString("N");
        using var stream = OwnerOnly.OpenWrite(System.IO.Path.Combine(path, IdentityFileName), FileMode.CreateNew);
        JsonSerializer.Serialize(stream, new RunIdentity(id, DateTimeOffset.UtcNow));
        return id;
    }

    private static string ReadIdentity(string path)
    {
        string file = System.IO.Path.Combine(path, IdentityFileName);
        if (!File.Exists(file))
        {
            throw new RunFolderException(path,
                $"'{path}' holds a run from an older Miro (no {IdentityFileName}): it cannot be resumed safely by this version. Start it afresh with --force (the old run is moved aside).");
        }

        try
        {
            return JsonSerializer.Deserialize<RunIdentity>(File.ReadAllText(file))?.Id
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new RunFolderException(path, $"'{file}' is damaged ({e.Message}); the run's identity is lost, so it cannot be resumed safely. Start afresh with --force.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException(path, FileFailure.Describe("read the run identity", file, e), e);
        }
    }

    private sealed record RunIdentity(string Id, DateTimeOffset Started);
}

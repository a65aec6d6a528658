using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using static TorchSharp.torch;

namespace Miro.Runtime.Checkpoints;

/// <summary>
/// Checkpoints a run at every task end (session hook, <see cref="SessionPhase.Checkpoint"/>) into
/// <c>checkpoint.bin</c> in the run directory, replaced atomically (write, fsync, rename, fsync the
/// directory), and puts a fresh session back where the last checkpoint left it
/// (<see cref="Resume"/>). A checkpoint holds the model's parameters and buffers, the head's random
/// generator, the replay memory's slots, the completed tasks' reports (accuracy matrix, per-task
/// energy) and configuration, and the sample store's position. Every other random stream of the
/// runtime is derived per task from the seed (<see cref="SeedStreams"/>), and the store is on
/// flash already, so a run resumed at a task boundary computes exactly what the uninterrupted run
/// would have.
/// </summary>
public sealed class Checkpointer : ISessionHook
{
    /// <summary>The checkpoint's file name inside the run directory.</summary>
    public const string FileName = "checkpoint.bin";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StorageTier? _tier;
    private StorePosition? _expectedStore;

    /// <summary>Creates a checkpointer writing to <paramref name="directory"/>.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="tier">The run's storage tier, if any: its position is saved and checked on resume.</param>
    public Checkpointer(string directory, StorageTier? tier = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        FilePath = Path.GetFullPath(Path.Combine(directory, FileName));
        _tier = tier;
    }

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>True when the run directory holds a checkpoint.</summary>
    public bool Exists => File.Exists(FilePath);

    /// <summary>Which run the checkpoint in <paramref name="directory"/> belongs to (to recreate its session before <see cref="Resume"/>).</summary>
    /// <exception cref="CheckpointException">The file is missing or damaged.</exception>
    public static CheckpointIdentity Inspect(string directory)
    {
        string path = Path.GetFullPath(Path.Combine(directory, FileName));
        var manifest = ReadManifest(path, CheckpointFile.Read(path));
        return new CheckpointIdentity(manifest.Policy, manifest.Seed, manifest.Threads, manifest.CompletedTasks);
    }

    /// <summary>
    /// Restores <paramref name="session"/> (new, created with the same policy, data, seed and
    /// threads as the checkpointed run, not yet run) from the checkpoint; <see cref="MiroSession.Run"/>
    /// then continues with the first task the checkpoint had not completed.
    /// </summary>
    /// <returns>The number of tasks already completed.</returns>
    /// <exception cref="CheckpointException">The file is missing, damaged, or belongs to another run.</exception>
    public int Resume(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sections = CheckpointFile.Read(FilePath);
        CheckpointManifest manifest = ReadManifest(FilePath, sections);
        if (manifest.Policy != session.Policy.Name || manifest.Seed != session.Seed || manifest.Threads != session.Threads
            || manifest.Tasks != session.Scenario.Tasks.Count)
        {
            throw new CheckpointException(FilePath,
                $"'{FilePath}' belongs to another run (policy {manifest.Policy}, seed {manifest.Seed}, {manifest.Threads} threads, {manifest.Tasks} tasks); " +
                $"this session is policy {session.Policy.Name}, seed {session.Seed}, {session.Threads} threads, {session.Scenario.Tasks.Count} tasks. " +
                "Resume with the same spec, seed and threads, or use another run directory.");
        }

        session.Model.GrowHead(manifest.HeadClasses);
        using (var model = new MemoryStream(CheckpointFile.Section(sections, "model", FilePath)))
        {
            session.Model.load(model);
        }
        using (var state = tensor(CheckpointFile.Section(sections, "head-rng", FilePath)))
        {
            session.Model.HeadGenerator.set_state(state);
        }

        MemoryState memory = manifest.Memory;
        float[] features = CheckpointFile.ToFloats(CheckpointFile.Section(sections, "memory.features", FilePath));
        session.Memory.Restore(memory.Capacity, features, memory.Labels, memory.Ids, memory.Count, memory.SeenClasses);
        if (session.Memory is ReservoirMemory reservoir)
        {
            reservoir.Observed = memory.Observed;
        }
        session.RestoreProgress(manifest.Reports, manifest.Configuration);
        _expectedStore = manifest.Store;
        return manifest.CompletedTasks;
    }

    private static CheckpointManifest ReadManifest(string path, Dictionary<string, byte[]> sections)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointManifest>(CheckpointFile.Section(sections, "manifest", path), Json)
                ?? throw CheckpointFile.Damaged(path, "the manifest is empty");
        }
        catch (JsonException e)
        {
            throw CheckpointFile.Damaged(path, $"the manifest is not valid: {e.Message}", e);
        }
    }

    /// <summary>Checks that the storage tier still holds everything the checkpoint counted on.</summary>
    public void OnSessionStart(MiroSession session)
    {
        if (_expectedStore is { } expected && _tier is not null && _tier.Store.NextId < expected.NextId)
        {
            throw new CheckpointException(FilePath,
                $"The sample store '{_tier.Store.FilePath}' is behind the checkpoint (it has written {_tier.Store.NextId - 1} samples, the checkpoint counted {expected.NextId - 1}): " +
                "it was replaced or restored from an older copy. Restore the store that belongs to this run, or start the run afresh.");
        }
    }

    /// <summary>Writes the checkpoint of the task that just completed.</summary>
    public void OnCheckpoint(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(report);
        Save(task.Session, [.. task.Session.Reports, report]);
    }

    private void Save(MiroSession session, IReadOnlyList<TaskReport> reports)
    {
        ReplayMemory memory = session.Memory;
        var labels = new int[memory.Capacity];
        var ids = new long[memory.Capacity];
        var features = new float[memory.Capacity * memory.SampleSize];
        lock (memory.SyncRoot)
        {
            for (int slot = 0; slot < memory.Count; slot++)
            {
                labels[slot] = memory.Label(slot);
                ids[slot] = memory.SampleId(slot);
                memory.CopyFeaturesUnlocked(slot, features.AsSpan(slot * memory.SampleSize, memory.SampleSize));
            }
        }
        var manifest = new CheckpointManifest
        {
            Policy = session.Policy.Name,
            Seed = session.Seed,
            Threads = session.Threads,
            Tasks = session.Scenario.Tasks.Count,
            CompletedTasks = reports.Count,
            Configuration = session.Configuration,
            HeadClasses = session.Model.ClassCount,
            Memory = new MemoryState(
                memory is ReservoirMemory ? "reservoir" : "episodic",
                memory.Capacity, memory.Count, labels, ids, [.. memory.SeenClasses],
                memory is ReservoirMemory r ? r.Observed : 0),
            Store = _tier is null ? null : new StorePosition(_tier.Store.NextId, _tier.Store.Count),
            Reports = reports,
        };

        byte[] model;
        using (var stream = new MemoryStream())
        {
            session.Model.save(stream);
            model = stream.ToArray();
        }
        byte[] headRng;
        using (var state = session.Model.HeadGenerator.get_state())
        {
            headRng = state.bytes.ToArray();
        }
        CheckpointFile.Write(FilePath,
        [
            ("manifest", JsonSerializer.SerializeToUtf8Bytes(manifest, Json)),
            ("model", model),
            ("head-rng", headRng),
            ("memory.features", CheckpointFile.ToBytes(features)),
        ]);
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Miro.Runtime.Data;
using Miro.Runtime.Session;

namespace Miro.Runtime.Checkpoints;

/// <summary>
/// Everything that determines a run's result, as named settings: the bound policy (every field of
/// the <see cref="Miro.Dsl.Model.PolicySpec"/> record graph, by its path, e.g.
/// <c>train.optimizer.learningRate</c>), the data's identity (where it came from, its sizes and a
/// hash of its labels), the seed, the threads and the checkpoint format. A checkpoint records it;
/// <c>--resume</c> refuses any difference and names the settings that differ, so a resumed run
/// never silently mixes two configurations.
/// </summary>
public sealed class RunFingerprint
{
    /// <summary>Bumped when what the fingerprint covers changes.</summary>
    public const int Version = 1;

    private RunFingerprint(SortedDictionary<string, string> settings) => Settings = settings;

    /// <summary>Setting name → canonical value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The fingerprint of <paramref name="session"/> (its policy, data, seed and threads).</summary>
    public static RunFingerprint Of(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(settings, "", session.Policy);
        AddData(settings, "data.train", session.Scenario.Train);
        AddData(settings, "data.test", session.Scenario.Test);
        settings["run.seed"] = Text(session.Seed);
        settings["run.threads"] = Text(session.Threads);
        settings["run.format"] = Text(CheckpointFile.Version) + "." + Text(Version);
        return new RunFingerprint(settings);
    }

    /// <summary>Restores a recorded fingerprint.</summary>
    public static RunFingerprint From(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RunFingerprint(new SortedDictionary<string, string>(new Dictionary<string, string>(settings), StringComparer.Ordinal));
    }

    /// <summary>Each setting that differs: "name: recorded value → this value", in name order; empty when equal.</summary>
    public IReadOnlyList<string> Differences(RunFingerprint now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var names = new SortedSet<string>(Settings.Keys, StringComparer.Ordinal);
        names.UnionWith(now.Settings.Keys);
        var differences = new List<string>();
        foreach (string name in names)
        {
            string before = Settings.TryGetValue(name, out string? b) ? b : "(not set)";
            string after = now.Settings.TryGetValue(name, out string? a) ? a : "(not set)";
            if (before != after)
            {
                differences.Add($"{name}: {before} in the checkpoint, {after} now");
            }
        }

        return differences;
    }

    /// <summary>Refuses to resume a checkpoint whose recorded fingerprint differs from <paramref name="now"/>, listing every differing setting.</summary>
    /// <exception cref="CheckpointException">The fingerprints differ, or the checkpoint has none.</exception>
    internal static void CheckResume(string checkpoint, IReadOnlyDictionary<string, string>? recorded, RunFingerprint now)
    {
        if (recorded is null)
        {
            throw new CheckpointException(checkpoint,
                $"'{checkpoint}' records no run fingerprint (written by an older Miro), so this Miro cannot tell whether the spec, data, seed and threads are the same. Start the run afresh.");
        }

        IReadOnlyList<string> differences = From(recorded).Differences(now);
        if (differences.Count > 0)
        {
            throw new CheckpointException(checkpoint,
                $"Cannot resume '{checkpoint}': {differences.Count} setting(s) differ from the run that wrote it, and a resumed run must continue the same run:" +
                Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", differences) + Environment.NewLine +
                "Resume with the spec, data, seed and threads of that run, or start a new run in another folder.");
        }
    }

    private static void AddData(SortedDictionary<string, string> settings, string prefix, Dataset data)
    {
        // The file's full path: the same folder named relative to another working directory is the same data.
        settings[prefix + ".source"] = File.Exists(data.Source) ? Path.GetFullPath(data.Source) : data.Source;
        settings[prefix + ".samples"] = Text(data.Count);
        settings[prefix + ".sampleSize"] = Text(data.SampleSize);
        // The labels' content: a changed or re-ordered label file changes the run even at the same size.
        byte[] hash = SHA256.HashData(MemoryMarshal.AsBytes(data.Labels));
        settings[prefix + ".labelsSha256"] = Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }

    /// <summary>Walks a record graph: scalars become one setting each, records and collections recurse.</summary>
    private static void Flatten(SortedDictionary<string, string> settings, string path, object? value)
    {
        switch (value)
        {
            case null:
                settings[path] = "none";
                return;
            case string s:
                settings[path] = s;
                return;
            case Enum e:
                settings[path] = e.ToString();
                return;
            case double d:
                settings[path] = d.ToString("R", CultureInfo.InvariantCulture);
                return;
            case IFormattable f when value.GetType().IsPrimitive:
                settings[path] = f.ToString(null, CultureInfo.InvariantCulture);
                return;
            case bool b:
                settings[path] = b ? "true" : "false";
                return;
            case IEnumerable items:
                int i = 0;
                foreach (object? item in items)
                {
                    Flatten(settings, path + "[" + Text(i++) + "]", item);
                }

                settings[path + ".count"] = Text(i);
                return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            string name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            Flatten(settings, path.Length == 0 ? name : path + "." + name, property.GetValue(value));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

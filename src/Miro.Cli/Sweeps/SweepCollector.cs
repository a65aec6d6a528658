using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Miro.Cli.Sweeps;

/// <summary>
/// Reads the finished runs of a sweep from run folders wherever they were produced (this machine,
/// a Slurm array, a Kubernetes indexed job): every <c>summary.json</c> below a directory that
/// records a tune-space candidate (<c>miro run --configuration K</c>).
/// </summary>
internal static class SweepCollector
{
    /// <summary>The finished sweep runs below <paramref name="directory"/>, ordered by configuration and seed.</summary>
    /// <exception cref="SweepException">A summary cannot be read, or the runs belong to several policies.</exception>
    public static IReadOnlyList<SweepRun> Collect(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SweepException($"'{directory}' is not a directory; give the folder the sweep's runs were written to (its --out).");
        }

        var runs = new List<SweepRun>();
        foreach (string summary in Directory.EnumerateFiles(directory, "summary.json", SearchOption.AllDirectories))
        {
            if (Read(summary) is { } run)
            {
                runs.Add(run);
            }
        }

        var policies = runs.Select(r => r.Policy).Distinct(StringComparer.Ordinal).ToList();
        if (policies.Count > 1)
        {
            throw new SweepException($"'{directory}' holds runs of several policies ({string.Join(", ", policies)}); collect one sweep at a time.");
        }

        var duplicate = runs.GroupBy(r => (r.Configuration, r.Seed)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SweepException($"configuration {duplicate.Key.Configuration}, seed {duplicate.Key.Seed} ran more than once ({string.Join(", ", duplicate.Select(r => r.Directory))}); keep one folder.");
        }

        runs.Sort((a, b) => a.Configuration != b.Configuration ? a.Configuration.CompareTo(b.Configuration) : a.Seed.CompareTo(b.Seed));
        return runs;
    }

    /// <summary>The run recorded in <paramref name="summaryPath"/>; null when it is not a sweep run (no candidate recorded).</summary>
    public static SweepRun? Read(string summaryPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(summaryPath));
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty("candidate", out JsonElement candidate))
            {
                return null;
            }

            double joules = 0;
            var meters = new SortedSet<string>(StringComparer.Ordinal);
            foreach (JsonElement task in root.GetProperty("tasks").EnumerateArray())
            {
                if (!task.TryGetProperty("extensions", out JsonElement extensions) || !extensions.TryGetProperty("energy", out JsonElement energy))
                {
                    throw new SweepException($"{summaryPath}: task {task.GetProperty("task").GetInt32()} has no energy report; sweep runs need the energy meter.");
                }

                joules += energy.GetProperty("totalJoules").GetDouble();
                meters.Add(energy.GetProperty("meter").GetString() ?? "unknown");
            }

            return new SweepRun(
                Path.GetDirectoryName(Path.GetFullPath(summaryPath))!,
                root.GetProperty("policy").GetString()!,
                candidate.GetProperty("number").GetInt64(),
                candidate.GetProperty("values").GetString()!,
                root.GetProperty("seed").GetInt32(),
                root.GetProperty("averageAccuracy").GetDouble(),
                joules,
                string.Join("+", meters),
                root.GetProperty("seconds").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new SweepException($"{summaryPath}: not a readable run summary ({e.Message}).");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Miro.Experiments.Paper;

/// <summary>What one task trained with, from its report: stream-buffer samples × epochs is the task's training budget.</summary>
internal sealed record TaskChoice(int Episodic, int Stream, int Epochs, int Batch, double? SwapRatio)
{
    public override string ToString() => SwapRatio is { } r
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SB {Stream}, {Epochs} ep, swap {100 * r:0}%")
        : $"SB {Stream}, {Epochs} ep";
}

/// <summary>One finished run of the experiment, read from its folder's <c>summary.json</c>.</summary>
internal sealed record RunSummary(string Directory, int Seed, double AverageAccuracy, double Joules, double ProfilingJoules, string Provenance, double Seconds,
    string Data, IReadOnlyList<TaskChoice> Tasks, IReadOnlyList<double> TaskJoules, IReadOnlyDictionary<string, double> PhaseJoules, IReadOnlyList<bool> RulesActive)
{
    /// <summary>Accuracy percent per kJ, as the sweep table computes it.</summary>
    public double AccuracyPerKilojoule => 100 * AverageAccuracy / (Joules / 1000);

    public static RunSummary Read(string directory)
    {
        string path = Path.Combine(directory, "summary.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        double joules = 0;
        double profiling = 0;
        var meters = new SortedSet<string>(StringComparer.Ordinal);
        var tasks = new List<TaskChoice>();
        var taskJoules = new List<double>();
        var phases = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var rules = new List<bool>();
        foreach (JsonElement task in root.GetProperty("tasks").EnumerateArray())
        {
            JsonElement energy = task.GetProperty("extensions").GetProperty("energy");
            joules += energy.GetProperty("totalJoules").GetDouble();
            taskJoules.Add(energy.GetProperty("totalJoules").GetDouble());
            meters.Add(energy.GetProperty("meter").GetString()!);
            profiling += task.GetProperty("energyJoules").TryGetProperty("profiling", out JsonElement p) ? p.GetDouble() : 0;
            foreach (JsonProperty phase in task.GetProperty("energyJoules").EnumerateObject())
            {
                phases[phase.Name] = phases.GetValueOrDefault(phase.Name) + phase.Value.GetDouble();
            }

            // Whether a `when` rule applied when the task's report was written (the resource monitor's last reading).
            rules.Add(task.GetProperty("extensions").TryGetProperty("resources", out JsonElement resources)
                && resources.TryGetProperty("activeRules", out JsonElement active) && active.GetArrayLength() > 0);
            JsonElement c = task.GetProperty("configuration");
            double? ratio = c.TryGetProperty("swapRatio", out JsonElement r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null;
            tasks.Add(new TaskChoice(c.GetProperty("episodicCapacity").GetInt32(), c.GetProperty("streamCapacity").GetInt32(), c.GetProperty("epochs").GetInt32(), c.GetProperty("batch").GetInt32(), ratio));
        }

        return new RunSummary(directory, root.GetProperty("seed").GetInt32(), root.GetProperty("averageAccuracy").GetDouble(), joules, profiling,
            string.Join("+", meters), root.GetProperty("seconds").GetDouble(), root.GetProperty("data").GetString()!, tasks, taskJoules, phases, rules);
    }
}

/// <summary>One system's runs over seeds.</summary>
internal sealed record SystemResult(string Name, string Description, IReadOnlyList<RunSummary> Runs)
{
    public Cli.Sweeps.MeanStd Accuracy => Cli.Sweeps.MeanStd.Of(Runs.Select(r => 100 * r.AverageAccuracy).ToList());

    public Cli.Sweeps.MeanStd Joules => Cli.Sweeps.MeanStd.Of(Runs.Select(r => r.Joules).ToList());

    public Cli.Sweeps.MeanStd AccuracyPerKilojoule => Cli.Sweeps.MeanStd.Of(Runs.Select(r => r.AccuracyPerKilojoule).ToList());

    /// <summary>Profiling joules as a share of all joules, over all seeds.</summary>
    public double ProfilingShare => Runs.Sum(r => r.ProfilingJoules) / Runs.Sum(r => r.Joules);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Miro.Cli.Report;

/// <summary>One task of a finished run, as its report recorded it.</summary>
/// <param name="Task">One-based task number.</param>
/// <param name="AverageAccuracy">Mean accuracy over the tasks seen so far, after this task.</param>
/// <param name="EnergyJoules">Joules per phase (empty without a meter), in the order the report lists them.</param>
/// <param name="Configuration">The configuration the task trained with: each setting's name and value, in report order.</param>
internal sealed record TaskData(int Task, double AverageAccuracy, IReadOnlyList<KeyValuePair<string, double>> EnergyJoules, IReadOnlyList<KeyValuePair<string, double>> Configuration)
{
    public double TotalJoules => EnergyJoules.Sum(p => p.Value);
}

/// <summary>
/// A finished run read back from its folder (<c>summary.json</c> as <c>miro run</c> writes it). Read
/// as JSON rather than into the runtime's records so that settings added to a task's configuration
/// (by the controller, for instance) are plotted without a change here.
/// </summary>
internal sealed record RunData(string Directory, string Policy, int Seed, string Data, double[][] AccuracyMatrix,
    double AverageAccuracy, double Forgetting, double BackwardTransfer, double Seconds, IReadOnlyList<TaskData> Tasks)
{
    public const string SummaryFile = "summary.json";

    /// <summary>A short name that tells runs apart in legends: the policy, and the seed or folder when two runs share a policy.</summary>
    public string Label { get; init; } = Policy;

    public double TotalJoules => Tasks.Sum(t => t.TotalJoules);

    /// <summary>Reads <paramref name="directory"/>; throws <see cref="IOException"/> naming the folder and what is missing.</summary>
    public static RunData Load(string directory)
    {
        string path = Path.Combine(directory, SummaryFile);
        if (!File.Exists(path))
        {
            throw new IOException(System.IO.Directory.Exists(directory)
                ? $"'{directory}' has no {SummaryFile}: it is not a finished miro run (an interrupted run continues with `miro run <spec> --resume {directory}`)."
                : $"the run folder '{directory}' does not exist.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            double[][] matrix = root.GetProperty("accuracyMatrix").EnumerateArray()
                .Select(row => row.EnumerateArray().Select(Number).ToArray()).ToArray();
            var tasks = root.GetProperty("tasks").EnumerateArray().Select(ReadTask).ToList();
            return new RunData(directory, root.GetProperty("policy").GetString() ?? "?", root.GetProperty("seed").GetInt32(),
                root.TryGetProperty("data", out JsonElement data) ? data.GetString() ?? "" : "", matrix,
                Number(root.GetProperty("averageAccuracy")), Number(root.GetProperty("forgetting")),
                Number(root.GetProperty("backwardTransfer")), Number(root.GetProperty("seconds")), tasks);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IOException($"'{path}' is not a miro run summary ({e.Message}).", e);
        }
    }

    /// <summary>Labels for several runs: the policy alone where it is unique, else with the seed, else with the folder name.</summary>
    public static IReadOnlyList<RunData> WithDistinctLabels(IReadOnlyList<RunData> runs)
    {
        return runs.Select(r =>
        {
            bool policyShared = runs.Count(o => o.Policy == r.Policy) > 1;
            bool seedShared = runs.Count(o => o.Policy == r.Policy && o.Seed == r.Seed) > 1;
            string label = !policyShared ? r.Policy
                : !seedShared ? string.Create(CultureInfo.InvariantCulture, $"{r.Policy} seed {r.Seed}")
                : $"{r.Policy} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(r.Directory))})";
            return r with { Label = label };
        }).ToList();
    }

    private static TaskData ReadTask(JsonElement task)
    {
        var energy = new List<KeyValuePair<string, double>>();
        if (task.TryGetProperty("energyJoules", out JsonElement joules) && joules.ValueKind == JsonValueKind.Object)
        {
            energy.AddRange(joules.EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, Number(p.Value))));
        }

        var configuration = new List<KeyValuePair<string, double>>();
        if (task.TryGetProperty("configuration", out JsonElement config) && config.ValueKind == JsonValueKind.Object)
        {
            configuration.AddRange(config.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble())));
        }

        return new TaskData(task.GetProperty("task").GetInt32(), Number(task.GetProperty("averageAccuracy")), energy, configuration);
    }

    // NaN is written as the string "NaN" (named floating-point literals are allowed in reports).
    private static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : e.GetDouble();
}

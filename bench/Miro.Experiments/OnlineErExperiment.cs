using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;

namespace Miro.Experiments;

/// <summary>
/// Online ER on Split Fashion-MNIST in the DER paper's protocol: 5 tasks of 2 classes in order 0–9,
/// MLP 784-100-100 (ReLU), SGD, batch 10, replay minibatch 10 from a reservoir buffer, one epoch per
/// task; final average accuracy (mean ± std over seeds) per buffer size, and no replay.
/// </summary>
internal static class OnlineErExperiment
{
    private static readonly (string Name, int Buffer, double LearningRate)[] Configurations =
    {
        ("no replay", 0, 0.1),
        ("ER buffer 200", 200, 0.01),
        ("ER buffer 500", 500, 0.1),
        ("ER buffer 5120", 5120, 0.1),
    };

    public static int Run(string? dataDirectory, int seeds, int threads, TextWriter output)
    {
        DataSource source = DatasetLocator.Locate("fashion_mnist", dataDirectory);
        (Dataset train, Dataset test) = source.Load();
        output.WriteLine($"Online ER, Split Fashion-MNIST ({source}; {train.Count} train / {test.Count} test), {seeds} seeds, {threads} thread(s)");
        output.WriteLine("| configuration | lr | final average accuracy (mean ± std) | per seed | seconds per run |");
        output.WriteLine("|---|---|---|---|---|");
        foreach ((string name, int buffer, double lr) in Configurations)
        {
            var accuracies = new List<double>();
            var seconds = new List<double>();
            for (int seed = 0; seed < seeds; seed++)
            {
                var clock = Stopwatch.StartNew();
                using var session = MiroSession.Create(Policy(buffer, lr), train, test, new SessionOptions { Seed = seed, Threads = threads });
                SessionResult result = session.Run();
                accuracies.Add(result.AverageAccuracy);
                seconds.Add(clock.Elapsed.TotalSeconds);
            }

            double mean = accuracies.Average();
            double std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, accuracies.Count - 1));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {lr} | {100 * mean:F2} ± {100 * std:F2} | {string.Join(" ", accuracies.Select(a => (100 * a).ToString("F2", CultureInfo.InvariantCulture)))} | {seconds.Average():F1} |"));
        }

        return 0;
    }

    /// <summary>The protocol as a policy (what a .miro spec would bind to).</summary>
    internal static PolicySpec Policy(int buffer, double learningRate) => new(
        Name: "OnlineErSplitFashionMnist",
        Namespace: null,
        Device: new DeviceSpec(4L << 30, null, new PowerSpec(2, 6), MeterKind.Model, null),
        Data: new DataSpec("fashion_mnist", 5, 2, 784 * 4, 0, new EquatableArray<int>(Enumerable.Range(0, 10).ToArray())),
        Memory: new MemorySpec(new StreamSpec(12_000), new EpisodicSpec(buffer, EpisodicSelection.Reservoir), null, null),
        Train: new TrainSpec(
            new ModelSpec(ModelKind.Mlp, new EquatableArray<int>(new[] { 100, 100 })),
            LearnerKind.OnlineEr, 1, 10, 1, ReplayMix.Balanced, LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Sgd, learningRate, 0, 0)),
        Budgets: EquatableArray<BudgetSpec>.Empty,
        Tunables: EquatableArray<TunableSpec>.Empty,
        Profile: null,
        Rules: EquatableArray<WhenRuleSpec>.Empty);
}

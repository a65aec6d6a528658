using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;

namespace Miro.Experiments;

/// <summary>Final average accuracy of one policy over seeds <see cref="FirstSeed"/> .. + n-1, and how to print it.</summary>
internal sealed record SeedRuns(IReadOnlyList<double> Accuracies, double SecondsPerRun)
{
    /// <summary>The first seed of every run (<c>--first-seed</c>; 0 by default).</summary>
    public static int FirstSeed { get; set; }

    public double Mean => Accuracies.Average();

    /// <summary>Sample standard deviation (n - 1).</summary>
    public double Std => Math.Sqrt(Accuracies.Sum(a => (a - Mean) * (a - Mean)) / Math.Max(1, Accuracies.Count - 1));

    /// <summary>"81.92 ± 1.11" in percent.</summary>
    public string MeanStd => string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F2} ± {100 * Std:F2}");

    /// <summary>Each seed's accuracy in percent.</summary>
    public string PerSeed => string.Join(" ", Accuracies.Select(a => (100 * a).ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Runs <paramref name="policy"/> (no storage tier) once per seed.</summary>
    public static SeedRuns Run(PolicySpec policy, Dataset train, Dataset test, int seeds, int threads)
    {
        var accuracies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int seed = FirstSeed; seed < FirstSeed + seeds; seed++)
        {
            using var session = MiroSession.Create(policy, train, test, new SessionOptions { Seed = seed, Threads = threads });
            SessionResult result = session.Run();
            accuracies.Add(result.AverageAccuracy);
        }

        return new SeedRuns(accuracies, clock.Elapsed.TotalSeconds / Math.Max(1, seeds));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Miro.Cli.Sweeps;

/// <summary>Mean and sample standard deviation over seeds (0 for a single seed).</summary>
internal readonly record struct MeanStd(double Mean, double Std)
{
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return new MeanStd(mean, values.Count > 1 ? Math.Sqrt(squares / (values.Count - 1)) : 0);
    }
}

/// <summary>One configuration of a sweep over its seeds.</summary>
/// <param name="Configuration">The candidate's number.</param>
/// <param name="Values">Its tunable values.</param>
/// <param name="Seeds">The seeds that finished.</param>
/// <param name="Accuracy">Final average accuracy, percent.</param>
/// <param name="Joules">Energy per run.</param>
/// <param name="AccuracyPerKilojoule">Accuracy percent per kJ, per seed.</param>
internal sealed record SweepRow(long Configuration, string Values, IReadOnlyList<int> Seeds, MeanStd Accuracy, MeanStd Joules, MeanStd AccuracyPerKilojoule);

/// <summary>
/// A sweep's result: one row per configuration (mean ± std over seeds), the oracle (best mean
/// accuracy per kJ, the hindsight-best fixed configuration) and the most accurate configuration.
/// </summary>
/// <param name="Policy">The policy swept.</param>
/// <param name="Rows">Configurations in number order.</param>
/// <param name="Oracle">The row with the best accuracy per kJ.</param>
/// <param name="BestAccuracy">The row with the best accuracy.</param>
/// <param name="Provenance">Where the joules came from (meters of all runs).</param>
internal sealed record SweepTable(string Policy, IReadOnlyList<SweepRow> Rows, SweepRow Oracle, SweepRow BestAccuracy, string Provenance)
{
    /// <exception cref="SweepException">No runs.</exception>
    public static SweepTable From(IReadOnlyList<SweepRun> runs)
    {
        if (runs.Count == 0)
        {
            throw new SweepException("no finished sweep runs (folders with a summary.json from `miro run --configuration K`) were found.");
        }

        var rows = runs
            .GroupBy(r => r.Configuration)
            .OrderBy(g => g.Key)
            .Select(g => new SweepRow(
                g.Key,
                g.First().Values,
                g.Select(r => r.Seed).OrderBy(s => s).ToList(),
                MeanStd.Of(g.Select(r => 100 * r.AverageAccuracy).ToList()),
                MeanStd.Of(g.Select(r => r.Joules).ToList()),
                MeanStd.Of(g.Select(r => r.AccuracyPerKilojoule).ToList())))
            .ToList();
        SweepRow oracle = rows.MaxBy(r => r.AccuracyPerKilojoule.Mean)!;
        SweepRow best = rows.MaxBy(r => r.Accuracy.Mean)!;
        string provenance = string.Join("+", runs.Select(r => r.Provenance).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new SweepTable(runs[0].Policy, rows, oracle, best, provenance);
    }
}

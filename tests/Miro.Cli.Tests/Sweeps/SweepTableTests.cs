using System.Linq;
using Miro.Cli.Sweeps;
using Xunit;

namespace Miro.Cli.Tests.Sweeps;

/// <summary>Aggregation over seeds and the oracle marks.</summary>
public sealed class SweepTableTests
{
    private static SweepRun Run(long configuration, int seed, double accuracy, double joules) =>
        new("/runs/x", "P", configuration, $"episodic.capacity {configuration}", seed, accuracy, joules, "model", 1);

    [Fact]
    public void Rows_average_over_seeds_and_the_oracle_is_the_best_accuracy_per_joule_not_the_best_accuracy()
    {
        var table = SweepTable.From(new[]
        {
            Run(0, 0, 0.80, 100), Run(0, 1, 0.70, 100),   // 75%, 100 J: 750 %/kJ
            Run(1, 0, 0.90, 300), Run(1, 1, 0.90, 300),   // 90%, 300 J: 300 %/kJ
        });

        Assert.Equal(new long[] { 0, 1 }, table.Rows.Select(r => r.Configuration));
        Assert.Equal(75, table.Rows[0].Accuracy.Mean, 9);
        Assert.Equal(7.0710678, table.Rows[0].Accuracy.Std, 6);
        Assert.Equal(750, table.Rows[0].AccuracyPerKilojoule.Mean, 9);
        Assert.Equal(0, table.Oracle.Configuration);
        Assert.Equal(1, table.BestAccuracy.Configuration);

        string markdown = SweepTableWriter.Markdown(table);
        Assert.Contains("| 0 | episodic.capacity 0 | 2 | 75.00 ± 7.07 | 100.0 ± 0.0 | 750 ± 71 | oracle |", markdown);
        Assert.Contains("| 1 | episodic.capacity 1 | 2 | 90.00 ± 0.00 | 300.0 ± 0.0 | 300 ± 0 | best accuracy |", markdown);
        Assert.Equal(3, SweepTableWriter.Csv(table).Trim().Split('\n').Length);
    }

    [Fact]
    public void No_runs_is_an_error_that_says_what_was_looked_for()
    {
        var e = Assert.Throws<SweepException>(() => SweepTable.From(System.Array.Empty<SweepRun>()));
        Assert.Contains("summary.json", e.Message);
    }
}

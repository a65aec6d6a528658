using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Miro.Experiments.Paper;

/// <summary>The experiment's PNG plots (ScottPlot).</summary>
internal static class ExperimentPlots
{
    /// <summary>Accuracy against joules, one point per system and seed.</summary>
    public static void AccuracyVersusJoules(string path, IReadOnlyList<SystemResult> systems)
    {
        var plot = new Plot();
        foreach (SystemResult system in systems)
        {
            var points = plot.Add.ScatterPoints(system.Runs.Select(r => r.Joules).ToArray(), system.Runs.Select(r => 100 * r.AverageAccuracy).ToArray());
            points.LegendText = system.Name;
            points.MarkerSize = 9;
        }

        plot.Title("Split Fashion-MNIST: final average accuracy vs energy (one point per seed)");
        plot.XLabel("joules per run");
        plot.YLabel("final average accuracy, %");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 560);
    }

    /// <summary>Each system's training budget per task (stream-buffer samples × epochs, mean over seeds): the configuration it chose.</summary>
    public static void ConfigurationPerTask(string path, IReadOnlyList<SystemResult> systems)
    {
        var plot = new Plot();
        foreach (SystemResult system in systems)
        {
            int tasks = system.Runs[0].Tasks.Count;
            double[] x = Enumerable.Range(1, tasks).Select(t => (double)t).ToArray();
            double[] y = Enumerable.Range(0, tasks).Select(t => system.Runs.Average(r => (double)r.Tasks[t].Stream * r.Tasks[t].Epochs) / 1000).ToArray();
            var line = plot.Add.Scatter(x, y);
            line.LegendText = system.Name;
            line.MarkerSize = 8;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title("Configuration per task: stream-buffer samples x epochs (mean over seeds)");
        plot.XLabel("task");
        plot.YLabel("thousand samples trained per task");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 480);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace Miro.Cli.Report;

/// <summary>The plots of <c>miro report</c>, each drawn with ScottPlot and saved as a PNG of <see cref="Width"/> x <see cref="Height"/> pixels.</summary>
internal static class ReportPlots
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>The accuracy matrix as coloured cells with their percentages: row i is after task i, column j the test set of task j.</summary>
    public static void AccuracyMatrix(RunData run, string path)
    {
        Plot plot = new();
        var colormap = new ScottPlot.Colormaps.Viridis();
        int tasks = run.AccuracyMatrix.Length;
        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j < run.AccuracyMatrix[i].Length; j++)
            {
                double accuracy = run.AccuracyMatrix[i][j];
                // Row 1 at the top, as the matrix is printed.
                var cell = plot.Add.Rectangle(j, j + 1, tasks - i - 1, tasks - i);
                cell.FillStyle.Color = double.IsNaN(accuracy) ? Colors.LightGray : colormap.GetColor(accuracy);
                cell.LineStyle.Color = Colors.White;
                var text = plot.Add.Text(double.IsNaN(accuracy) ? "-" : Percent(accuracy), j + 0.5, tasks - i - 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 14;
                text.LabelFontColor = accuracy > 0.6 ? Colors.Black : Colors.White;
            }
        }

        double[] centers = Enumerable.Range(0, tasks).Select(k => k + 0.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centers, centers.Select((_, j) => $"T{j + 1}").ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centers, centers.Select((_, k) => $"after T{tasks - k}").ToArray());
        plot.Axes.SetLimits(0, tasks, 0, tasks);
        plot.Title($"{run.Label}: accuracy matrix (%)");
        plot.XLabel("test set of task");
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Average accuracy over the tasks seen so far, after each task, one line per run.</summary>
    public static void AverageAccuracy(IReadOnlyList<RunData> runs, string path)
    {
        Plot plot = new();
        foreach (RunData run in runs)
        {
            var line = plot.Add.Scatter(run.Tasks.Select(t => (double)t.Task).ToArray(), run.Tasks.Select(t => 100 * t.AverageAccuracy).ToArray());
            line.LegendText = run.Label;
            line.MarkerSize = 8;
        }

        TaskTicks(plot, runs.Max(r => r.Tasks.Count));
        plot.Axes.SetLimitsY(0, 100);
        plot.Title("Average accuracy after each task");
        plot.XLabel("task");
        plot.YLabel("average accuracy over seen tasks (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Joules per task, stacked by phase (train_compute, replay_io, ...).</summary>
    public static void EnergyByPhase(RunData run, string path)
    {
        Plot plot = new();
        var palette = new ScottPlot.Palettes.Category10();
        List<string> phases = run.Tasks.SelectMany(t => t.EnergyJoules.Select(p => p.Key)).Distinct().ToList();
        var bars = new List<Bar>();
        foreach (TaskData task in run.Tasks)
        {
            double bottom = 0;
            foreach (KeyValuePair<string, double> phase in task.EnergyJoules)
            {
                bars.Add(new Bar { Position = task.Task, ValueBase = bottom, Value = bottom + phase.Value, FillColor = palette.GetColor(phases.IndexOf(phase.Key)), Size = 0.6 });
                bottom += phase.Value;
            }
        }

        plot.Add.Bars(bars);
        for (int p = 0; p < phases.Count; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = phases[p], FillColor = palette.GetColor(p) });
        }

        TaskTicks(plot, run.Tasks.Count);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{run.Label}: energy per task by phase ({Joules(run.TotalJoules)} in all)");
        plot.XLabel("task");
        plot.YLabel("energy (J)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Average accuracy against the joules spent so far, after each task: one trajectory per run, side by side.</summary>
    public static void AccuracyVersusEnergy(IReadOnlyList<RunData> runs, string path)
    {
        Plot plot = new();
        foreach (RunData run in runs)
        {
            double spent = 0;
            double[] joules = run.Tasks.Select(t => spent += t.TotalJoules).ToArray();
            var line = plot.Add.Scatter(joules, run.Tasks.Select(t => 100 * t.AverageAccuracy).ToArray());
            line.LegendText = $"{run.Label}: {Percent(run.AverageAccuracy)}% for {Joules(run.TotalJoules)}";
            line.MarkerSize = 8;
        }

        plot.Axes.SetLimitsY(0, 100);
        plot.Title("Accuracy vs energy (one point per task)");
        plot.XLabel("energy spent so far (J)");
        plot.YLabel("average accuracy over seen tasks (%)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The settings that changed from task to task (what the controller chose), one line per setting with its values.</summary>
    public static void Configuration(RunData run, IReadOnlyList<string> varying, string path)
    {
        Plot plot = new();
        foreach (string setting in varying)
        {
            double[] xs = run.Tasks.Select(t => (double)t.Task).ToArray();
            double[] ys = run.Tasks.Select(t => t.Configuration.First(c => c.Key == setting).Value).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = setting;
            line.MarkerSize = 8;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            for (int i = 0; i < xs.Length; i++)
            {
                var label = plot.Add.Text(ys[i].ToString("G4", CultureInfo.InvariantCulture), xs[i], ys[i]);
                label.LabelAlignment = Alignment.LowerCenter;
                label.LabelFontSize = 12;
            }
        }

        TaskTicks(plot, run.Tasks.Count);
        plot.Title($"{run.Label}: configuration per task");
        plot.XLabel("task");
        plot.YLabel("value");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    private static void TaskTicks(Plot plot, int tasks)
    {
        double[] positions = Enumerable.Range(1, tasks).Select(t => (double)t).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, positions.Select(t => $"T{t}").ToArray());
        plot.Axes.SetLimitsX(0.5, tasks + 0.5);
    }

    public static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);

    public static string Joules(double joules) => joules >= 1000
        ? (joules / 1000).ToString("F2", CultureInfo.InvariantCulture) + " kJ"
        : joules.ToString("F1", CultureInfo.InvariantCulture) + " J";
}

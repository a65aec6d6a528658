using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Miro.Cli.Report;
using Miro.Runtime.Evaluation;
using SkiaSharp;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>`miro report` draws the plots of finished runs and a Markdown file that links every one of them.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("miro-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A finished run of <paramref name="tasks"/> tasks as `miro run` writes it; the episodic capacity changes per task when <paramref name="controlled"/>.</summary>
    private string WriteRun(string name, string policy, int tasks, bool controlled, double accuracyScale = 1.0)
    {
        string dir = Path.Combine(_dir, name);
        var matrix = new double[tasks][];
        var reports = new List<TaskReport>();
        for (int i = 0; i < tasks; i++)
        {
            matrix[i] = Enumerable.Range(0, i + 1).Select(j => accuracyScale * (0.95 - 0.1 * (i - j))).ToArray();
            reports.Add(new TaskReport
            {
                Task = i + 1,
                Classes = new[] { 2 * i, 2 * i + 1 },
                StreamSamples = 1000,
                Epochs = 1,
                Steps = 60,
                TrainedSamples = 2000,
                FinalLoss = 0.3,
                StoppedEarly = false,
                Accuracies = matrix[i],
                AverageAccuracy = matrix[i].Average(),
                MemoryPerClass = new Dictionary<int, int>(),
                Configuration = new TaskConfiguration(controlled ? new[] { 200, 100, 400 }[i % 3] : 200, 1200, 1, 16),
                Seconds = new PhaseTimes(0.1, 0, 1, 0.01, 0.05, 0),
                EnergyJoules = new Dictionary<string, double> { ["train_compute"] = 5 + i, ["replay_io"] = 2, ["evaluation"] = 0.5 },
            });
        }

        ReportWriter.WriteSummary(dir, new SessionResult
        {
            Policy = policy, Learner = "er", Seed = 0, Threads = 1, Data = "synthetic", ClassOrder = Enumerable.Range(0, 2 * tasks).ToArray(),
            AccuracyMatrix = matrix, AverageAccuracy = matrix[^1].Average(), Forgetting = 0.1, BackwardTransfer = -0.1, Seconds = 3, Tasks = reports,
        });
        return dir;
    }

    [Fact]
    public void One_run_gets_its_plots_and_report_in_its_own_folder()
    {
        string run = WriteRun("er", "Quickstart", 3, controlled: false);

        (int exit, string output, string errors) = CliRunner.Invoke("report", run);

        Assert.True(exit == 0, errors);
        Assert.Contains(Path.Combine(run, ReportCommand.MarkdownFile), output);
        string markdown = File.ReadAllText(Path.Combine(run, ReportCommand.MarkdownFile));
        string[] linked = AssertLinksExistingNonBlankPngs(markdown, run);
        Assert.Equal(new[] { "average-accuracy.png", "accuracy-vs-energy.png", "accuracy-matrix.png", "energy-by-phase.png" }, linked);
        Assert.Contains("the same for every task", markdown);
        Assert.Contains("| T3 | 85.0% | 9.5 J | 200 | 1200 | 1 | 16 |", markdown);
    }

    [Fact]
    public void Runs_of_different_policies_compare_in_one_report_with_the_configuration_the_controller_chose()
    {
        string er = WriteRun("er", "Quickstart", 3, controlled: false);
        string controlled = WriteRun("ctl", "Controlled", 3, controlled: true, accuracyScale: 0.9);
        string outDir = Path.Combine(_dir, "compare");

        (int exit, _, string errors) = CliRunner.Invoke("report", er, controlled, "--out", outDir);

        Assert.True(exit == 0, errors);
        string markdown = File.ReadAllText(Path.Combine(outDir, ReportCommand.MarkdownFile));
        string[] linked = AssertLinksExistingNonBlankPngs(markdown, outDir);
        Assert.Contains("accuracy-matrix-quickstart.png", linked);
        Assert.Contains("accuracy-matrix-controlled.png", linked);
        Assert.Contains("configuration-controlled.png", linked);
        Assert.DoesNotContain("configuration-quickstart.png", linked);
        Assert.Contains("changed: episodicCapacity", markdown);
        Assert.StartsWith("# Miro report: Quickstart vs Controlled", markdown);
    }

    [Fact]
    public void Several_runs_without_out_and_a_folder_without_a_summary_are_usage_errors()
    {
        string run = WriteRun("er", "Quickstart", 2, controlled: false);
        string empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;

        (int exitSeveral, _, string errorsSeveral) = CliRunner.Invoke("report", run, run);
        (int exitEmpty, _, string errorsEmpty) = CliRunner.Invoke("report", empty);

        Assert.Equal(2, exitSeveral);
        Assert.Contains("--out DIR", errorsSeveral);
        Assert.Equal(2, exitEmpty);
        Assert.Contains($"'{empty}' has no summary.json", errorsEmpty);
        Assert.False(File.Exists(Path.Combine(empty, ReportCommand.MarkdownFile)));
    }

    /// <summary>Every image the Markdown links is a PNG of the plot size whose pixels are not all alike; returns the links in order.</summary>
    private static string[] AssertLinksExistingNonBlankPngs(string markdown, string folder)
    {
        string[] links = Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(links);
        foreach (string link in links)
        {
            string path = Path.Combine(folder, link);
            Assert.True(File.Exists(path), $"{link} is linked but missing");
            using SKBitmap bitmap = SKBitmap.Decode(path);
            Assert.Equal((ReportPlots.Width, ReportPlots.Height), (bitmap.Width, bitmap.Height));
            Assert.True(LuminanceVariance(bitmap) > 100, $"{link} looks blank");
        }

        Assert.Equal(links.Length, Directory.GetFiles(folder, "*.png").Length);
        return links;
    }

    private static double LuminanceVariance(SKBitmap bitmap)
    {
        double sum = 0, sumOfSquares = 0;
        int n = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                SKColor c = bitmap.GetPixel(x, y);
                double l = 0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue;
                sum += l;
                sumOfSquares += l * l;
                n++;
            }
        }

        double mean = sum / n;
        return sumOfSquares / n - mean * mean;
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Miro.Cli.Report;

/// <summary>
/// <c>miro report &lt;run-dir&gt;... [--out DIR]</c>: reads finished runs and writes PNG plots (accuracy
/// matrix, average accuracy after each task, joules per task by phase, accuracy vs joules, the
/// configuration per task where it changed) and <c>report.md</c> that embeds them. One run: into its
/// folder unless <c>--out</c> says otherwise; several runs (any policies) compare in one report in <c>--out</c>.
/// </summary>
internal static class ReportCommand
{
    public const string MarkdownFile = "report.md";

    public static Command Create()
    {
        var runs = new Argument<string[]>("run-dir") { Description = "Folders of finished runs (each with summary.json); several compare in one report.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for report.md and the PNGs (default: the run's folder; needed for several runs).", HelpName = "DIR" };
        var command = new Command("report", "Plot finished runs (PNG, ScottPlot) and write report.md that embeds the plots.") { runs, output };
        command.SetAction(parse => Run(parse.GetRequiredValue(runs), parse.GetValue(output), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> runDirectories, string? outDirectory, TextWriter stdout, TextWriter stderr)
    {
        if (runDirectories.Count > 1 && outDirectory is null)
        {
            stderr.WriteLine("miro report: several runs compare in one report; say where it goes with --out DIR.");
            return Program.ExitCodes.Usage;
        }

        var loaded = new List<RunData>();
        foreach (string directory in runDirectories)
        {
            try
            {
                loaded.Add(RunData.Load(directory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"miro report: {e.Message}");
                return Program.ExitCodes.Usage;
            }
        }

        IReadOnlyList<RunData> runs = RunData.WithDistinctLabels(loaded);
        string output = outDirectory ?? runs[0].Directory;
        try
        {
            Directory.CreateDirectory(output);
            var markdown = new StringBuilder();
            int plots = Write(runs, output, markdown);
            string path = Path.Combine(output, MarkdownFile);
            File.WriteAllText(path, markdown.ToString());
            stdout.WriteLine($"report: {path} ({plots} plots of {Plural(runs.Count, "run")})");
            return Program.ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro report: cannot write the report into '{output}': {e.Message}");
            return Program.ExitCodes.Usage;
        }
    }

    private static int Write(IReadOnlyList<RunData> runs, string output, StringBuilder md)
    {
        int plots = 0;
        string Plot(string file, Action<string> draw)
        {
            draw(Path.Combine(output, file));
            plots++;
            return file;
        }

        md.AppendLine(runs.Count == 1 ? $"# Miro report: {runs[0].Label}" : $"# Miro report: {string.Join(" vs ", runs.Select(r => r.Label))}").AppendLine();
        md.AppendLine("| run | folder | seed | data | tasks | average accuracy | forgetting | backward transfer | energy | time |");
        md.AppendLine("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (RunData run in runs)
        {
            md.AppendLine(Invariant($"| {run.Label} | `{Path.GetRelativePath(output, run.Directory)}` | {run.Seed} | {run.Data} | {run.Tasks.Count} | {ReportPlots.Percent(run.AverageAccuracy)}% | {ReportPlots.Percent(run.Forgetting)}% | {ReportPlots.Percent(run.BackwardTransfer)}% | {ReportPlots.Joules(run.TotalJoules)} | {run.Seconds:F1} s |"));
        }

        md.AppendLine();
        md.AppendLine("## Average accuracy after each task").AppendLine();
        md.AppendLine($"![average accuracy after each task]({Plot("average-accuracy.png", p => ReportPlots.AverageAccuracy(runs, p))})").AppendLine();
        md.AppendLine("## Accuracy vs energy").AppendLine();
        md.AppendLine("Each point is one task's end: the average accuracy over the tasks seen so far against the joules spent so far.").AppendLine();
        md.AppendLine($"![accuracy vs energy]({Plot("accuracy-vs-energy.png", p => ReportPlots.AccuracyVersusEnergy(runs, p))})").AppendLine();

        foreach (RunData run in runs)
        {
            string suffix = runs.Count == 1 ? "" : "-" + Slug(run.Label);
            md.AppendLine($"## {run.Label}").AppendLine();
            md.AppendLine($"![accuracy matrix of {run.Label}]({Plot($"accuracy-matrix{suffix}.png", p => ReportPlots.AccuracyMatrix(run, p))})").AppendLine();
            if (run.Tasks.Any(t => t.EnergyJoules.Count > 0))
            {
                md.AppendLine($"![energy per task by phase of {run.Label}]({Plot($"energy-by-phase{suffix}.png", p => ReportPlots.EnergyByPhase(run, p))})").AppendLine();
            }

            List<string> settings = run.Tasks.SelectMany(t => t.Configuration.Select(c => c.Key)).Distinct().ToList();
            List<string> varying = settings.Where(s => run.Tasks.Select(t => Value(t, s)).Distinct().Count() > 1).ToList();
            md.AppendLine(varying.Count > 0
                ? $"Configuration per task (changed: {string.Join(", ", varying)}):"
                : "Configuration per task (the same for every task):").AppendLine();
            md.AppendLine($"| task | average accuracy | energy | {string.Join(" | ", settings)} |");
            md.AppendLine($"| ---: | ---: | ---: |{string.Concat(settings.Select(_ => " ---: |"))}");
            foreach (TaskData task in run.Tasks)
            {
                md.AppendLine(Invariant($"| T{task.Task} | {ReportPlots.Percent(task.AverageAccuracy)}% | {ReportPlots.Joules(task.TotalJoules)} | {string.Join(" | ", settings.Select(s => Value(task, s).ToString("G", CultureInfo.InvariantCulture)))} |"));
            }

            md.AppendLine();
            if (varying.Count > 0)
            {
                md.AppendLine($"![configuration per task of {run.Label}]({Plot($"configuration{suffix}.png", p => ReportPlots.Configuration(run, varying, p))})").AppendLine();
            }
        }

        return plots;
    }

    private static double Value(TaskData task, string setting)
    {
        foreach (KeyValuePair<string, double> c in task.Configuration)
        {
            if (c.Key == setting)
            {
                return c.Value;
            }
        }

        return double.NaN;
    }

    private static string Slug(string label) =>
        new string(label.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    private static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? "" : "s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

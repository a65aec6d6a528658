using System;
using System.Globalization;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Controller;
using Miro.Runtime.Evaluation;

namespace Miro.Cli;

/// <summary>Prints what the Miro controller did for <c>miro run</c>: per profiled task a compact candidate table, the choice and the overhead.</summary>
internal static class ControllerPrinter
{
    /// <summary>The profile block in one line.</summary>
    public static string Describe(ProfileSpec profile) => Format(
        $"sample {100 * profile.SampleFraction:0.#}%, trial {profile.TrialEpochs} epoch(s), warmup {profile.WarmupEpochs}, keep top {100 * profile.KeepTopFraction:0.#}%, {(profile.Navigation == NavigationKind.Grid ? "grid" : Format($"random {100 * profile.RandomFraction:0.#}%"))}, objective {Objective(profile.Objective)}");

    /// <summary>Every task's controller section (tasks without one are skipped).</summary>
    public static void PrintTasks(TextWriter stdout, SessionResult result)
    {
        double seconds = 0, joules = 0, taskSeconds = 0, taskJoules = 0;
        bool any = false;
        foreach (TaskReport task in result.Tasks)
        {
            if (ControllerReport.Of(task) is not { } report)
            {
                continue;
            }

            if (!any)
            {
                stdout.WriteLine();
                stdout.WriteLine("controller (validation accuracy, trial and estimated task joules, score = the objective):");
                any = true;
            }

            if (report.Profiled)
            {
                PrintTable(stdout, report);
            }

            foreach (ResourceShrink shrink in report.Shrinks)
            {
                stdout.WriteLine(Format($"  T{report.Task}: resources dropped (DRAM available {shrink.DramAvailableBytes / (1024.0 * 1024):F0} MiB) in epoch {shrink.Epoch}, step {shrink.Step}: EM {shrink.From.EpisodicCapacity} -> {shrink.To.EpisodicCapacity} ({shrink.Basis}); the next task is profiled again"));
            }

            if (report.Overhead is { } o)
            {
                (seconds, joules, taskSeconds, taskJoules) = (seconds + o.Seconds, joules + o.Joules, taskSeconds + o.TaskSeconds, taskJoules + o.TaskJoules);
            }
        }

        if (any && taskSeconds > 0)
        {
            double runJoules = 0;
            double runSeconds = 0;
            foreach (TaskReport task in result.Tasks)
            {
                runSeconds += task.Seconds.Total;
                if (task.EnergyJoules is not null)
                {
                    foreach (double j in task.EnergyJoules.Values)
                    {
                        runJoules += j;
                    }
                }
            }

            stdout.WriteLine(Format($"  profiling overall: {seconds:F1} s ({Share(seconds, runSeconds)} of the run's time), {joules:F1} J ({Share(joules, runJoules)} of the run's energy)"));
        }
    }

    private static void PrintTable(TextWriter stdout, ControllerReport report)
    {
        stdout.WriteLine(Format($"  T{report.Task}: {report.Candidates.Count} candidate(s) tried{Counts(report.Counts)}; energy basis {report.EnergyBasis ?? "-"}{(report.BudgetLeftJoules is { } left ? Format($"; budget left {left:F1} J") : "")}"));
        stdout.WriteLine("     configuration                      val acc   trial J    task J       score  verdict");
        foreach (CandidateRow row in report.Candidates)
        {
            stdout.WriteLine(Format($"     {row.Configuration,-34} {100 * row.ValidationAccuracy,6:F1}% {row.TrialJoules,9:F2} {row.TaskJoules,9:F1} {row.Score,11:G4}  {Verdict(row.Verdict)}"));
        }

        if (report.Note is not null)
        {
            stdout.WriteLine($"     note: {report.Note}");
        }

        if (report.Overhead is { } o)
        {
            stdout.WriteLine(Format($"     chose {report.Chosen}; profiling {o.Seconds:F1} s ({Share(o.Seconds, o.TaskSeconds)} of the task), {o.Joules:F1} J ({Share(o.Joules, o.TaskJoules)})"));
        }
        else if (report.Chosen is not null)
        {
            stdout.WriteLine($"     kept {report.Chosen}");
        }
    }

    private static string Counts(CandidateCounts? c) => c is null || (c.Clipped + c.Duplicates + c.Infeasible + c.NotSampled) == 0
        ? ""
        : Format($" ({c.Allowed} allowed by the rules, {c.Clipped} clipped, {c.Duplicates} duplicates, {c.Infeasible} infeasible, {c.NotSampled} not sampled)");

    private static string Verdict(CandidateVerdict verdict) => verdict switch
    {
        CandidateVerdict.Chosen => "CHOSEN",
        CandidateVerdict.Kept => "kept",
        CandidateVerdict.BelowCut => "below cut",
        _ => "over budget",
    };

    private static string Objective(Objective objective) => objective switch
    {
        Dsl.Model.Objective.AccuracyPerJoule => "accuracy per joule",
        Dsl.Model.Objective.Accuracy => "accuracy",
        _ => "energy",
    };

    private static string Share(double part, double whole) => whole > 0 ? Format($"{100 * part / whole:F1}%") : "-";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

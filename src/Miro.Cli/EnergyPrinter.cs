using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;

namespace Miro.Cli;

/// <summary>Prints the energy meter in use and each task's energy, provenance and budget events for <c>miro run</c>.</summary>
internal static class EnergyPrinter
{
    /// <summary>One line naming the meter, and why the model stands in when it does.</summary>
    public static void PrintMeter(TextWriter stdout, MeterSourceInfo meter)
    {
        stdout.WriteLine($"energy meter: {meter.Description}");
        if (meter.FallbackReason is not null) stdout.WriteLine($"  {meter.FallbackReason}");
    }

    /// <summary>Per task: total joules, the phases that used energy, meter and budget events.</summary>
    public static void PrintTasks(TextWriter stdout, SessionResult result)
    {
        stdout.WriteLine();
        stdout.WriteLine("energy per task (J; provenance in brackets):");
        var total = 0.0;
        foreach (var task in result.Tasks)
        {
            if (task.Extensions?.GetValueOrDefault(EnergyHook.ExtensionName) is not EnergyReport energy) continue;
            total += energy.TotalJoules;
            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"  T{task.Task,-3} {energy.TotalJoules,9:F2}"));
            foreach (var p in energy.Phases)
                if (p.Joules >= 0.005) stdout.Write(string.Create(CultureInfo.InvariantCulture, $"  {p.Phase} {p.Joules:F2} [{p.Provenance}]"));
            stdout.WriteLine();
            foreach (var e in energy.MeterEvents) stdout.WriteLine($"       meter {e.Kind}: {e.Message}");
            foreach (var b in energy.BudgetEvents) stdout.WriteLine($"       budget {b.Verdict}: {b.Message}");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total {total,8:F2} J"));
        PrintRunStopNote(stdout, result, total);
    }

    /// <summary>
    /// A run <c>stop</c> budget stops training at the batch boundary where the run's spend reaches it; the
    /// memory update, evaluation, reports and checkpoints after that still use energy. When the total
    /// therefore ends above the limit, says where training stopped and what came after.
    /// </summary>
    private static void PrintRunStopNote(TextWriter stdout, SessionResult result, double total)
    {
        foreach (var task in result.Tasks)
        {
            if (task.Extensions?.GetValueOrDefault(EnergyHook.ExtensionName) is not EnergyReport energy) continue;
            foreach (var b in energy.BudgetEvents)
            {
                if (b.Verdict != "stop" || b.Scope != "run" || total <= b.LimitJoules) continue;
                var during = task.Steps > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"during task {task.Task} ({b.SpentJoules:F2} J at that batch boundary)")
                    : string.Create(CultureInfo.InvariantCulture, $"before task {task.Task} trained (its store write brought the run to {b.SpentJoules:F2} J)");
                var after = task.Task < result.Tasks.Count
                    ? "the memory update, evaluation, reports and checkpoints afterwards, and the later tasks' store writes and evaluations,"
                    : "the memory update, evaluation, reports and checkpoints afterwards";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  note: run budget {b.LimitJoules:0.###} J reached {during}; training stopped; {after} spent {total - b.SpentJoules:F2} J."));
                return;
            }
        }
    }
}

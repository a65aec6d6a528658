using System;
using System.Collections.Generic;
using System.Text;
using Miro.Dsl.Model;
using Miro.Runtime.Energy.Budgets;

namespace Miro.Runtime.Energy;

/// <summary>One phase's energy in a report.</summary>
/// <param name="Phase">The phase, in snake case (<c>train_compute</c>).</param>
/// <param name="Joules">Total joules.</param>
/// <param name="Provenance">The weakest source that contributed (<c>counter</c>, <c>integrated_power</c>, <c>model</c>).</param>
/// <param name="CounterJoules">Joules from an energy counter.</param>
/// <param name="IntegratedPowerJoules">Joules integrated from sampled power.</param>
/// <param name="ModelJoules">Joules estimated by the model.</param>
public sealed record PhaseEnergyReport(string Phase, double Joules, string Provenance, double CounterJoules, double IntegratedPowerJoules, double ModelJoules);

/// <summary>A meter event in a report.</summary>
/// <param name="AtSeconds">Seconds since the meter started.</param>
/// <param name="Kind">The event kind, in snake case.</param>
/// <param name="Message">What happened and what was done.</param>
/// <param name="ModelFilledJoules">Joules the model supplied for the affected interval.</param>
public sealed record MeterEventReport(double AtSeconds, string Kind, string Message, double ModelFilledJoules);

/// <summary>A budget event in a report.</summary>
/// <param name="Verdict">What was decided (<c>warn</c>, <c>degrade</c>, <c>stop</c>).</param>
/// <param name="Scope"><c>task</c> or <c>run</c>.</param>
/// <param name="LimitJoules">The joules allowed.</param>
/// <param name="SpentJoules">The joules spent at the check.</param>
/// <param name="ProjectedJoules">What the scope was on course to use.</param>
/// <param name="WorkScale">Fraction of the remaining work kept by a degrade; 1 otherwise.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record BudgetEventReport(string Verdict, string Scope, double LimitJoules, double SpentJoules, double ProjectedJoules, double WorkScale, string Message);

/// <summary>
/// The energy section of a task report (DESIGN.md §4.2 step 4): joules per phase with provenance,
/// the meter used and why, meter events, and budget events. Plain strings and numbers, so it
/// serializes to readable JSON with any settings.
/// </summary>
/// <param name="TotalJoules">Joules over all phases.</param>
/// <param name="Meter">The source kind in use (<c>ina3221</c>, <c>rapl</c>, <c>hwmon</c>, <c>battery</c>, <c>model</c>).</param>
/// <param name="RequestedMeter">The spec's <c>meter</c> setting.</param>
/// <param name="MeterDescription">What was read.</param>
/// <param name="FallbackReason">Why the model stands in for a sensor; null when it does not.</param>
/// <param name="ModelEstimateJoules">The model's own estimate for the same span, for comparison.</param>
/// <param name="Phases">Per-phase figures, in <see cref="EnergyPhase"/> order.</param>
/// <param name="MeterEvents">Resets, implausible readings and read faults during the task.</param>
/// <param name="BudgetEvents">Budget warnings, degrades and stops during the task.</param>
/// <param name="StoppedByBudget">True when a budget ended the task early.</param>
public sealed record EnergyReport(
    double TotalJoules,
    string Meter,
    string RequestedMeter,
    string MeterDescription,
    string? FallbackReason,
    double ModelEstimateJoules,
    IReadOnlyList<PhaseEnergyReport> Phases,
    IReadOnlyList<MeterEventReport> MeterEvents,
    IReadOnlyList<BudgetEventReport> BudgetEvents,
    bool StoppedByBudget)
{
    /// <summary>The report of a task from its energy (<see cref="EnergySnapshot.Since"/>) and its budget events.</summary>
    public static EnergyReport From(EnergySnapshot taskEnergy, IEnumerable<BudgetEvent> budgetEvents)
    {
        ArgumentNullException.ThrowIfNull(taskEnergy);
        ArgumentNullException.ThrowIfNull(budgetEvents);
        var phases = new List<PhaseEnergyReport>();
        foreach (var p in taskEnergy.Phases)
            phases.Add(new PhaseEnergyReport(Snake(p.Phase.ToString()), p.Joules, Snake(p.Provenance.ToString()), p.CounterJoules, p.IntegratedPowerJoules, p.ModelJoules));
        var meterEvents = new List<MeterEventReport>();
        foreach (var e in taskEnergy.Events)
            meterEvents.Add(new MeterEventReport(e.Elapsed.TotalSeconds, Snake(e.Kind.ToString()), e.Message, e.ModelFilledJoules));
        var budgets = new List<BudgetEventReport>();
        var stopped = false;
        foreach (var b in budgetEvents)
        {
            budgets.Add(new BudgetEventReport(Snake(b.Verdict.ToString()), b.Budget.Scope == BudgetScope.PerTask ? "task" : "run",
                b.LimitJoules, b.SpentJoules, b.ProjectedJoules, b.WorkScale, b.Message));
            stopped |= b.Verdict == BudgetVerdict.Stop;
        }

        var source = taskEnergy.Source;
        return new EnergyReport(taskEnergy.TotalJoules, Snake(source.Kind.ToString()), Snake(source.Requested.ToString()), source.Description,
            source.FallbackReason, taskEnergy.ModelEstimateJoules, phases, meterEvents, budgets, stopped);
    }

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }
}

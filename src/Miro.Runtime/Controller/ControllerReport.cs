using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Miro.Runtime.Evaluation;

namespace Miro.Runtime.Controller;

/// <summary>
/// What the controller did in one task: the task report's <c>controller</c> extension
/// (docs/controller.md, "Reading the report"). A profiled task has the candidate table, the choice
/// and the overhead; a task in which resources dropped has the shrinks.
/// </summary>
public sealed record ControllerReport
{
    /// <summary>Name of the task-report extension.</summary>
    public const string ExtensionName = "controller";

    /// <summary>One-based task number.</summary>
    public required int Task { get; init; }

    /// <summary>True when the task was profiled (else only <see cref="Shrinks"/> are set).</summary>
    public required bool Profiled { get; init; }

    /// <summary>Candidates the <c>when</c> rules allowed, how many were clipped, dropped as duplicates or infeasible, and left out by <c>navigate random</c>.</summary>
    public CandidateCounts? Counts { get; init; }

    /// <summary>One row per candidate tried, in cross-product order.</summary>
    public IReadOnlyList<CandidateRow> Candidates { get; init; } = [];

    /// <summary>The configuration applied for the task (null when nothing was profiled).</summary>
    public Candidate? Chosen { get; init; }

    /// <summary>A remark on the choice (no candidate fit the budget; no feasible candidate), or null.</summary>
    public string? Note { get; init; }

    /// <summary>What the energy budget had left for the task when the choice was made (after profiling); null without a budget.</summary>
    public double? BudgetLeftJoules { get; init; }

    /// <summary>
    /// How <see cref="CandidateRow.TaskJoules"/> was formed: <c>measured</c> (each candidate's own
    /// trial joules; a hardware meter) or <c>pooled</c> (one joules-per-row rate over all trials of
    /// the task, because the model meter's joules follow noisy CPU time; see docs/controller.md).
    /// </summary>
    public string? EnergyBasis { get; init; }

    /// <summary>Profiling's cost and its share of the task.</summary>
    public ProfilingOverhead? Overhead { get; init; }

    /// <summary>Mid-task shrinks after the resources dropped.</summary>
    public IReadOnlyList<ResourceShrink> Shrinks { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// The controller report of <paramref name="report"/>, or null. Reports of a resumed run's earlier
    /// tasks come back from the checkpoint as JSON; both forms are read.
    /// </summary>
    public static ControllerReport? Of(TaskReport report)
    {
        System.ArgumentNullException.ThrowIfNull(report);
        if (report.Extensions is null || !report.Extensions.TryGetValue(ExtensionName, out object? value))
        {
            return null;
        }

        return value switch
        {
            ControllerReport r => r,
            JsonElement e => e.Deserialize<ControllerReport>(Json),
            _ => null,
        };
    }

    internal static byte[] ToUtf8(ControllerState state) => JsonSerializer.SerializeToUtf8Bytes(state, Json);

    internal static ControllerState? FromUtf8(byte[] bytes) => JsonSerializer.Deserialize<ControllerState>(bytes, Json);
}

/// <summary>How many candidates each step of generation kept or dropped (<see cref="CandidateList"/>).</summary>
public sealed record CandidateCounts(int Allowed, int Clipped, int Duplicates, int Infeasible, int NotSampled, int Tried);

/// <summary>One row of the candidate table.</summary>
/// <param name="Configuration">The candidate.</param>
/// <param name="ValidationAccuracy">Validation accuracy after its trial.</param>
/// <param name="TrialJoules">Joules the meter recorded over its trial.</param>
/// <param name="TrialSeconds">Seconds its trial took.</param>
/// <param name="TaskJoules">Estimated joules of the whole task with it (see <see cref="ControllerReport.EnergyBasis"/>).</param>
/// <param name="Score">The objective's value (higher is better).</param>
/// <param name="Verdict">Chosen, kept, below the cut line or over budget.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record CandidateRow(Candidate Configuration, double ValidationAccuracy, double TrialJoules, double TrialSeconds, double TaskJoules, double Score,
    CandidateVerdict Verdict, string Reason);

/// <summary>Profiling's cost: seconds and joules, and their share of the whole task (profiling included).</summary>
public sealed record ProfilingOverhead(double Seconds, double Joules, double TaskSeconds, double TaskJoules)
{
    /// <summary>Profiling seconds over the task's seconds.</summary>
    public double SecondsShare => TaskSeconds > 0 ? Seconds / TaskSeconds : double.NaN;

    /// <summary>Profiling joules over the task's joules.</summary>
    public double JoulesShare => TaskJoules > 0 ? Joules / TaskJoules : double.NaN;
}

/// <summary>A shrink of the episodic memory in the middle of a task after the resources dropped.</summary>
/// <param name="Epoch">The epoch (one-based) in which it happened.</param>
/// <param name="Step">The step (one-based) of that epoch after which it happened.</param>
/// <param name="DramAvailableBytes">The DRAM available reading that triggered it.</param>
/// <param name="ActiveRules">The zero-based indices of the <c>when</c> rules that applied.</param>
/// <param name="From">The configuration before.</param>
/// <param name="To">The configuration after (episodic capacity changed; the rest applies from the next task, which is profiled again).</param>
/// <param name="Basis">Where the target came from: <c>measured</c> (the best feasible candidate of this task's profiling) or <c>smallest</c>.</param>
public sealed record ResourceShrink(int Epoch, int Step, long DramAvailableBytes, IReadOnlyList<int> ActiveRules, Candidate From, Candidate To, string Basis);

/// <summary>The controller's state in a checkpoint.</summary>
/// <param name="Current">The report of the task in progress (profiling done), or null at a task boundary.</param>
/// <param name="ProfileNextTask">True when resources dropped: the next task is profiled even before <c>from task N</c>.</param>
/// <param name="ActiveRules">The <c>when</c> rules in force (bit mask) for the mid-task check.</param>
internal sealed record ControllerState(ControllerReport? Current, bool ProfileNextTask, ulong ActiveRules);

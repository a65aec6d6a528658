using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;

namespace Miro.Runtime.Resources;

/// <summary>
/// Reads the resources at the start of every task, before profiling (so a controller hook registered
/// after this one sees the <see cref="Current"/> state when it enumerates candidates), and records
/// them with the <c>when</c> rules they selected in the task report's <c>resources</c> extension.
/// </summary>
public sealed class ResourceHook : ISessionHook
{
    /// <summary>Name of the task-report extension holding the <see cref="ResourceReport"/>.</summary>
    public const string ExtensionName = "resources";

    private readonly ResourceMonitor _monitor;
    private readonly EquatableArray<WhenRuleSpec> _rules;

    /// <summary>Monitors resources with <paramref name="monitor"/> and applies <paramref name="rules"/> (the spec's <c>when</c> rules).</summary>
    public ResourceHook(ResourceMonitor monitor, EquatableArray<WhenRuleSpec> rules)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
        _rules = rules;
    }

    /// <summary>The state read at the start of the current task (null before the first task).</summary>
    public ResourceState? Current { get; private set; }

    /// <inheritdoc />
    public void OnPhaseStart(SessionPhase phase, TaskContext task)
    {
        if (phase == SessionPhase.StoreWrite) Current = _monitor.Read();
    }

    /// <summary>Reads the resources now (the controller, at batch boundaries); the task report keeps the reading of the task start.</summary>
    internal ResourceState Read() => _monitor.Read();

    /// <inheritdoc />
    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Current is not ResourceState state) return report;
        var active = new List<int>();
        for (var r = 0; r < _rules.Count; r++)
            if (state.Applies(_rules[r])) active.Add(r);
        var extensions = new Dictionary<string, object>();
        if (report.Extensions is not null)
            foreach (var (key, value) in report.Extensions) extensions[key] = value;
        extensions[ExtensionName] = new ResourceReport(state.DramAvailableBytes, state.StorageFreeBytes, state.BatteryLevel, active);
        return report with { Extensions = extensions };
    }

    /// <summary>A hook for <paramref name="policy"/>: its store path (resolved against <paramref name="baseDirectory"/>,
    /// as the storage tier resolves it; the base directory itself without a storage tier) and its rules.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="baseDirectory">The run directory.</param>
    /// <param name="root">Directory that stands for <c>/</c> when reading procfs and sysfs (tests use fake trees).</param>
    public static ResourceHook For(PolicySpec policy, string baseDirectory, string root = "/")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var store = Path.Combine(baseDirectory, policy.Memory.Storage?.Path ?? ".");
        return new ResourceHook(new ResourceMonitor(policy.Device, store, root), policy.Rules);
    }
}

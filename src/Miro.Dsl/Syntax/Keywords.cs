using System.Collections.Generic;

namespace Miro.Dsl.Syntax;

/// <summary>
/// The language's keywords, listed once: the grammar reads its block items from here, the lexer
/// never reads a keyword as a unit (so <c>epochs 10 batch 16</c> reads <c>batch</c> as the next
/// setting, not as the unit of 10), and a test holds docs/language.md's list equal to
/// <see cref="Reserved"/>.
/// </summary>
internal static class Keywords
{
    /// <summary>Section keywords allowed directly in a policy.</summary>
    public static readonly string[] PolicyItems = { "namespace", "device", "data", "memory", "train", "budget", "tune", "profile", "when" };
    public static readonly string[] DeviceItems = { "dram", "storage", "power", "meter", "compute" };
    public static readonly string[] StorageEnergyItems = { "read", "write" };
    public static readonly string[] PowerItems = { "idle", "active" };
    public static readonly string[] DataItems = { "dataset", "tasks", "classes", "sample", "validation", "order" };
    public static readonly string[] MemoryItems = { "stream", "episodic", "storage", "swap" };
    public static readonly string[] TrainItems = { "model", "head", "learner", "epochs", "batch", "threads", "replay", "loss", "optimizer" };
    public static readonly string[] BudgetItems = { "energy" };

    /// <summary>The first part of a tunable's path in a <c>tune</c> block (<c>episodic.capacity</c>).</summary>
    public static readonly string[] TuneItems = { "episodic", "stream", "swap", "train" };
    public static readonly string[] ProfileItems = { "from", "sample", "trial", "warmup", "keep", "navigate", "objective" };
    public static readonly string[] WhenItems = { "tune" };

    /// <summary>Words inside settings: the header, clauses and fixed phrases
    /// (<c>policy</c>, <c>classes 2 per task</c>, <c>swap ratio .. every 1 epoch</c>, <c>on exceed</c>, <c>on corrupt</c>, <c>keep top</c>).</summary>
    private static readonly string[] InnerWords =
    {
        "policy", "per", "task", "capacity", "select", "at", "ratio", "every", "epoch", "unbounded",
        "on", "exceed", "corrupt", "run", "in", "step", "top",
    };

    /// <summary>Every keyword.</summary>
    public static readonly HashSet<string> Reserved = Union(
        PolicyItems, DeviceItems, StorageEnergyItems, PowerItems, DataItems, MemoryItems, TrainItems, BudgetItems,
        TuneItems, ProfileItems, WhenItems, InnerWords);

    private static HashSet<string> Union(params string[][] lists)
    {
        var all = new HashSet<string>();
        foreach (var list in lists) all.UnionWith(list);
        return all;
    }
}

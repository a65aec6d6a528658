using System.Collections.Generic;

namespace Miro.Dsl.Syntax;

/// <summary>The reserved words of the language. A reserved word is never read as a unit, so
/// <c>epochs 10 batch 16</c> reads <c>batch</c> as the next setting, not as the unit of 10.</summary>
internal static class Keywords
{
    public static readonly HashSet<string> Reserved = new()
    {
        "policy", "namespace", "device", "data", "memory", "train", "budget", "tune", "profile", "when",
        "dram", "storage", "power", "idle", "active", "meter", "compute", "read", "write",
        "dataset", "tasks", "classes", "per", "task", "sample", "validation", "order",
        "stream", "episodic", "capacity", "select", "at", "swap", "ratio", "every", "epoch", "epochs", "unbounded",
        "model", "learner", "batch", "threads", "replay", "loss", "optimizer",
        "energy", "on", "exceed", "corrupt", "run", "in", "step",
        "from", "trial", "warmup", "keep", "top", "navigate", "objective",
    };

    /// <summary>Section keywords allowed directly in a policy.</summary>
    public static readonly string[] PolicyItems = { "namespace", "device", "data", "memory", "train", "budget", "tune", "profile", "when" };
    public static readonly string[] DeviceItems = { "dram", "storage", "power", "meter", "compute" };
    public static readonly string[] StorageEnergyItems = { "read", "write" };
    public static readonly string[] PowerItems = { "idle", "active" };
    public static readonly string[] DataItems = { "dataset", "tasks", "classes", "sample", "validation", "order" };
    public static readonly string[] MemoryItems = { "stream", "episodic", "storage", "swap" };
    public static readonly string[] TrainItems = { "model", "learner", "epochs", "batch", "threads", "replay", "loss", "optimizer" };
    public static readonly string[] BudgetItems = { "energy" };
    public static readonly string[] ProfileItems = { "from", "sample", "trial", "warmup", "keep", "navigate", "objective" };
    public static readonly string[] WhenItems = { "tune" };
}

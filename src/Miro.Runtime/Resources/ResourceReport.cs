using System.Collections.Generic;

namespace Miro.Runtime.Resources;

/// <summary>The resources a task started with and the <c>when</c> rules they selected, for the task report.</summary>
/// <param name="DramAvailableBytes">Available DRAM.</param>
/// <param name="StorageFreeBytes">Free space at the store path.</param>
/// <param name="BatteryLevel">Battery charge in [0, 1]; null without a battery.</param>
/// <param name="ActiveRules">The zero-based indices of the spec's <c>when</c> rules that applied.</param>
public sealed record ResourceReport(long DramAvailableBytes, long StorageFreeBytes, double? BatteryLevel, IReadOnlyList<int> ActiveRules);

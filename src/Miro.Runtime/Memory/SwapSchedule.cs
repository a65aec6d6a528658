using System;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>When swapping happens (DESIGN.md §4.1): from task 2 on, in every k-th epoch.</summary>
/// <param name="EveryEpochs">k in <c>every k epoch</c> (1 = every epoch).</param>
public readonly record struct SwapSchedule(int EveryEpochs)
{
    /// <summary>The first task (1-based) that swaps: task 1 has nothing older to refresh.</summary>
    public const int FirstTask = 2;

    /// <summary>The schedule of a spec's <c>swap</c> clause.</summary>
    public static SwapSchedule From(SwapSpec spec) => new(spec.EveryEpochs);

    /// <summary>True when steps of <paramref name="epoch"/> (1-based) in <paramref name="task"/> (1-based) swap.</summary>
    public bool Swaps(int task, int epoch)
    {
        if (EveryEpochs < 1)
        {
            throw new InvalidOperationException($"A swap schedule needs every >= 1 epoch, not {EveryEpochs}.");
        }
        return task >= FirstTask && epoch % EveryEpochs == 0;
    }

    /// <summary>How many of a step's <paramref name="slots"/> EM slots a <paramref name="ratio"/> swaps: <c>ceil(ratio * slots)</c>.</summary>
    public static int SwapCount(double ratio, int slots) => Math.Min(slots, (int)Math.Ceiling(ratio * slots - 1e-9));
}

using System;

namespace Miro.Runtime;

/// <summary>
/// Derives independent, reproducible random streams from a run's seed. Each random choice of the
/// runtime (class order, validation split, shuffling, memory updates) gets its own stream named by
/// purpose and task, so a run can be resumed at any task boundary with the same randomness, and
/// adding a new random consumer does not change the others.
/// </summary>
public static class SeedStreams
{
    /// <summary>A <see cref="Random"/> for <paramref name="purpose"/> (and optionally a task) under <paramref name="seed"/>.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="purpose">A stable name, e.g. <c>"class-order"</c>.</param>
    /// <param name="task">The task index, or -1 for run-wide streams.</param>
    /// <remarks>The generator is a <see cref="SeededRandom"/>, whose state a mid-task checkpoint saves.</remarks>
    public static Random Create(int seed, string purpose, int task = -1) => new SeededRandom(Derive(seed, purpose, task));

    /// <summary>The derived 32-bit seed (stable across processes and platforms).</summary>
    public static int Derive(int seed, string purpose, int task = -1)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        // FNV-1a over the purpose, then SplitMix64 finalisation with the seed and task mixed in;
        // string.GetHashCode is randomised per process and would break reproducibility.
        ulong h = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        ulong z = h ^ ((ulong)(uint)seed << 32) ^ (uint)task;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}

using System;

namespace Miro.Runtime.CrashChild;

/// <summary>
/// What the crash child writes, as pure functions of a sample's id, so the parent can check every
/// surviving sample without any side channel: a batch starting at id <c>f</c> holds
/// <see cref="BatchSize"/>(f) samples and records <c>f</c> as its task.
/// </summary>
public static class CrashWorkload
{
    /// <summary>Classes the child writes.</summary>
    public const int Classes = 10;

    /// <summary>Floats per sample (small, so 50+ kills keep the store a few MB).</summary>
    public const int Features = 64;

    /// <summary>The size of the batch whose first id is <paramref name="firstId"/>: 1..64.</summary>
    public static int BatchSize(long firstId) => 1 + (int)(Mix(firstId) % 64);

    /// <summary>The label of sample <paramref name="id"/>.</summary>
    public static int Label(long id) => (int)(Mix(id * 7919) % Classes);

    /// <summary>Feature <paramref name="j"/> of sample <paramref name="id"/>.</summary>
    public static float Feature(long id, int j) => (float)(Mix(id * 131 + j) % 10_000) / 10_000f + id;

    /// <summary>True when <paramref name="features"/> are exactly sample <paramref name="id"/>'s.</summary>
    public static bool Matches(ReadOnlySpan<float> features, long id)
    {
        for (int j = 0; j < features.Length; j++)
        {
            if (features[j] != Feature(id, j))
            {
                return false;
            }
        }
        return true;
    }

    private static ulong Mix(long x)
    {
        // SplitMix64's finaliser: a cheap, well-spread hash.
        ulong z = (ulong)x + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System;

namespace Miro.Runtime.Memory;

/// <summary>How many slots each class gets.</summary>
internal static class ClassQuota
{
    /// <summary>
    /// Class-balanced split of <paramref name="capacity"/> slots ("water filling"): every class gets
    /// an equal share, classes with fewer samples available keep all of theirs and pass their unused
    /// share on to the others; an indivisible remainder goes to the lowest class ids (the oldest).
    /// </summary>
    /// <param name="capacity">Slots to hand out.</param>
    /// <param name="available">Samples available per class.</param>
    /// <param name="quota">Receives the slots per class.</param>
    public static void Balanced(int capacity, ReadOnlySpan<int> available, Span<int> quota)
    {
        quota.Clear();
        int remaining = capacity;
        while (remaining > 0)
        {
            int active = 0;
            for (int c = 0; c < available.Length; c++)
            {
                if (quota[c] < available[c])
                {
                    active++;
                }
            }

            if (active == 0)
            {
                return;
            }

            int share = remaining / active;
            if (share == 0)
            {
                for (int c = 0; c < available.Length && remaining > 0; c++)
                {
                    if (quota[c] < available[c])
                    {
                        quota[c]++;
                        remaining--;
                    }
                }

                return;
            }

            for (int c = 0; c < available.Length; c++)
            {
                int give = Math.Min(available[c] - quota[c], share);
                quota[c] += give;
                remaining -= give;
            }
        }
    }

    /// <summary>
    /// Proportional split: each class keeps the same fraction of its <paramref name="available"/>
    /// samples so that the total is <paramref name="capacity"/> (largest remainders first, ties to
    /// the lowest class id).
    /// </summary>
    public static void Proportional(int capacity, ReadOnlySpan<int> available, Span<int> quota)
    {
        long total = 0;
        foreach (int a in available)
        {
            total += a;
        }

        if (total <= capacity)
        {
            available.CopyTo(quota);
            return;
        }

        int given = 0;
        Span<long> remainder = available.Length <= 256 ? stackalloc long[available.Length] : new long[available.Length];
        for (int c = 0; c < available.Length; c++)
        {
            long scaled = (long)available[c] * capacity;
            quota[c] = (int)(scaled / total);
            remainder[c] = scaled % total;
            given += quota[c];
        }

        while (given < capacity)
        {
            int best = -1;
            for (int c = 0; c < available.Length; c++)
            {
                if (quota[c] < available[c] && (best < 0 || remainder[c] > remainder[best]))
                {
                    best = c;
                }
            }

            quota[best]++;
            remainder[best] = -1;
            given++;
        }
    }
}

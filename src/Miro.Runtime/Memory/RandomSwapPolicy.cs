using System;

namespace Miro.Runtime.Memory;

/// <summary>CarM's <c>random</c> policy: a uniformly random subset of the step's slots.</summary>
internal sealed class RandomSwapPolicy : ISwapPolicy
{
    private int[] _positions = [];

    public void Choose(SwapJob job, int count, Random random, Span<int> chosen)
    {
        int n = job.Count;
        if (_positions.Length < n)
        {
            _positions = new int[n];
        }
        for (int i = 0; i < n; i++)
        {
            _positions[i] = i;
        }
        // Partial Fisher-Yates: the first `count` positions become a uniform random subset.
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, n);
            (_positions[i], _positions[j]) = (_positions[j], _positions[i]);
            chosen[i] = _positions[i];
        }
    }
}

using System;

namespace Miro.Runtime.Memory;

/// <summary>
/// CarM's entropy gate. The swap budget is split over the classes in proportion to how many of
/// the step's slots each holds (largest remainders get the leftover, smaller label first on ties),
/// so swapping never shifts the memory's class balance. Within a class, the samples the model
/// already predicts correctly with the lowest predictive entropy go first: they teach the least,
/// while misclassified and uncertain samples stay in DRAM for more replay. Deterministic: it uses
/// no randomness (ties fall to the earlier position in the step).
/// </summary>
internal sealed class EntropySwapPolicy : ISwapPolicy
{
    private int[] _order = [];
    private int[] _quota = [];

    public void Choose(SwapJob job, int count, Random random, Span<int> chosen)
    {
        if (!job.HasPredictions)
        {
            throw new InvalidOperationException("The entropy swap policy needs each slot's entropy and prediction correctness; the learner must pass them with the step.");
        }
        int n = job.Count;
        if (_order.Length < n)
        {
            _order = new int[n];
            _quota = new int[n];
        }
        // Order positions by (label, correct first, entropy ascending, position): each class is
        // then a contiguous run sorted by swap preference.
        for (int i = 0; i < n; i++)
        {
            _order[i] = i;
        }
        for (int i = 1; i < n; i++)
        {
            int p = _order[i];
            int j = i - 1;
            while (j >= 0 && Before(job, p, _order[j]))
            {
                _order[j + 1] = _order[j];
                j--;
            }
            _order[j + 1] = p;
        }

        // Quotas per class run (indexed by the run's first position in _order).
        int assigned = 0;
        for (int start = 0; start < n;)
        {
            int end = RunEnd(job, start, n);
            int quota = (int)((long)count * (end - start) / n);
            _quota[start] = quota;
            assigned += quota;
            start = end;
        }
        // Leftover budget: largest fractional share first; ties keep label order.
        while (assigned < count)
        {
            int best = -1;
            long bestRemainder = -1;
            for (int start = 0; start < n;)
            {
                int end = RunEnd(job, start, n);
                long remainder = (long)count * (end - start) - (long)_quota[start] * n;
                if (_quota[start] < end - start && remainder > bestRemainder)
                {
                    best = start;
                    bestRemainder = remainder;
                }
                start = end;
            }
            _quota[best]++;
            assigned++;
        }

        int k = 0;
        for (int start = 0; start < n;)
        {
            int end = RunEnd(job, start, n);
            for (int i = 0; i < _quota[start]; i++)
            {
                chosen[k++] = _order[start + i];
            }
            start = end;
        }
    }

    private int RunEnd(SwapJob job, int start, int n)
    {
        int label = job.Labels[_order[start]];
        int end = start + 1;
        while (end < n && job.Labels[_order[end]] == label)
        {
            end++;
        }
        return end;
    }

    private static bool Before(SwapJob job, int a, int b)
    {
        if (job.Labels[a] != job.Labels[b])
        {
            return job.Labels[a] < job.Labels[b];
        }
        if (job.Correct[a] != job.Correct[b])
        {
            return job.Correct[a];
        }
        if (job.Entropy[a] != job.Entropy[b])
        {
            return job.Entropy[a] < job.Entropy[b];
        }
        return a < b;
    }
}

using System;
using System.Threading;

namespace Miro.Runtime.Memory;

/// <summary>
/// One step's swap request and, once the worker has processed it, the replacement samples staged
/// for publication. Pooled and reused: the steady state allocates nothing.
/// </summary>
internal sealed class SwapJob
{
    public int[] Slots = [];
    public int[] Labels = [];
    public float[] Entropy = [];
    public bool[] Correct = [];
    public int Count;
    public bool HasPredictions;

    /// <summary>Staged replacements: <see cref="StagedCount"/> slots, the drawn samples' labels and stream ids, and their rows in <see cref="StagedFeatures"/>.</summary>
    public int[] StagedSlots = [];
    public int[] StagedLabels = [];
    public long[] StagedIds = [];
    public float[] StagedFeatures = [];
    public int StagedCount;

    public long SubmittedAt;
    /// <summary>1 once the worker or the trainer has taken the request (<see cref="Interlocked"/>).</summary>
    public int Claimed;
    /// <summary>1 once the worker thread has read the request from the channel and let go of it: only then may it be reused.</summary>
    public int ReleasedByWorker;
    public readonly ManualResetEventSlim Done = new(false);

    public void Load(ReadOnlySpan<int> slots, ReadOnlySpan<float> entropy, ReadOnlySpan<bool> correct, int featureCount)
    {
        int n = slots.Length;
        if (Slots.Length < n)
        {
            Slots = new int[n];
            Labels = new int[n];
            Entropy = new float[n];
            Correct = new bool[n];
            StagedSlots = new int[n];
            StagedLabels = new int[n];
            StagedIds = new long[n];
            StagedFeatures = new float[n * featureCount];
        }
        slots.CopyTo(Slots);
        HasPredictions = !entropy.IsEmpty;
        if (HasPredictions)
        {
            entropy.CopyTo(Entropy);
            correct.CopyTo(Correct);
        }
        Count = n;
        StagedCount = 0;
        Claimed = 0;
        ReleasedByWorker = 0;
        Done.Reset();
    }
}

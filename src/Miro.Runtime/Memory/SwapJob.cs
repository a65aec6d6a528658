using System;

namespace Miro.Runtime.Memory;

/// <summary>
/// One step's swap request: the step's EM slots (with their labels and, for the entropy policy,
/// predictions) and the replacements taken for the chosen ones, held until publication. Pooled
/// and reused: the steady state allocates nothing.
/// </summary>
internal sealed class SwapJob
{
    public int[] Slots = [];
    public int[] Labels = [];
    public float[] Entropy = [];
    public bool[] Correct = [];
    public int Count;
    public bool HasPredictions;

    /// <summary>Staged replacements: <see cref="StagedCount"/> slots and the drawn sample for each.</summary>
    public int[] StagedSlots = [];
    public PrefetchedSample?[] StagedSamples = [];
    public int StagedCount;

    public void Load(ReadOnlySpan<int> slots, ReadOnlySpan<float> entropy, ReadOnlySpan<bool> correct)
    {
        int n = slots.Length;
        if (Slots.Length < n)
        {
            Slots = new int[n];
            Labels = new int[n];
            Entropy = new float[n];
            Correct = new bool[n];
            StagedSlots = new int[n];
            StagedSamples = new PrefetchedSample?[n];
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
    }
}

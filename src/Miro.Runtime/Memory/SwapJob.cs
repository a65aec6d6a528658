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

    /// <summary>A copy of the staged replacements, as a checkpoint saves them.</summary>
    public PendingSwap ToPending(int featureCount)
    {
        int n = StagedCount;
        var slots = new int[n];
        var labels = new int[n];
        var ids = new long[n];
        var features = new float[n * featureCount];
        for (int i = 0; i < n; i++)
        {
            PrefetchedSample sample = StagedSamples[i]!;
            slots[i] = StagedSlots[i];
            labels[i] = sample.Label;
            ids[i] = sample.SourceId;
            sample.Features.AsSpan(0, featureCount).CopyTo(features.AsSpan(i * featureCount));
        }

        return new PendingSwap(slots, labels, ids, features);
    }

    /// <summary>A job holding a checkpoint's staged replacements, ready to be published.</summary>
    public static SwapJob FromPending(PendingSwap swap, PrefetchedSamplePool samples)
    {
        int n = swap.Slots.Length;
        int featureCount = samples.FeatureCount;
        if (swap.Labels.Length != n || swap.Ids.Length != n || swap.Features.Length != n * featureCount)
        {
            throw new ArgumentException($"A pending swap of {n} slots must carry {n} labels, ids and {n * featureCount} feature values.", nameof(swap));
        }

        var job = new SwapJob();
        job.Load(swap.Slots, default, default);
        for (int i = 0; i < n; i++)
        {
            PrefetchedSample sample = samples.Rent();
            swap.Features.AsSpan(i * featureCount, featureCount).CopyTo(sample.Features);
            sample.Outcome = DrawOutcome.Drawn;
            sample.Label = swap.Labels[i];
            sample.SourceId = swap.Ids[i];
            job.StagedSlots[i] = swap.Slots[i];
            job.StagedSamples[i] = sample;
        }

        job.StagedCount = n;
        return job;
    }
}

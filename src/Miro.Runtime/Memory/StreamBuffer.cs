using System;
using System.Collections.Generic;
using Miro.Runtime.Data;

namespace Miro.Runtime.Memory;

/// <summary>
/// The stream buffer (SB, DRAM): the current task's samples. When the task has more samples than
/// <see cref="Capacity"/>, the same fraction is dropped from every class (a seeded choice).
/// </summary>
public sealed class StreamBuffer
{
    private float[] _features = Array.Empty<float>();
    private int[] _labels = Array.Empty<int>();
    private long[] _ids = Array.Empty<long>();
    private Dataset? _source;
    private int[] _sourceIndices = Array.Empty<int>();

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="capacity">Maximum samples held.</param>
    /// <param name="sampleSize">Values per sample.</param>
    public StreamBuffer(int capacity, int sampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        Capacity = capacity;
        SampleSize = sampleSize;
    }

    /// <summary>Maximum samples held.</summary>
    public int Capacity { get; private set; }

    /// <summary>Samples held now.</summary>
    public int Count { get; private set; }

    /// <summary>Values per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Samples of the current task that did not fit.</summary>
    public int Dropped { get; private set; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Features(int index) => _features.AsSpan(index * SampleSize, SampleSize);

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>The id of sample <paramref name="index"/> (its index in the scenario's training set).</summary>
    public long SampleId(int index) => _ids[index];

    /// <summary>The labels of the samples held.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Count);

    /// <summary>
    /// Replaces the content with the task's samples <paramref name="indices"/> of <paramref name="data"/>,
    /// in stream order, keeping the same fraction of every class when they do not all fit.
    /// </summary>
    /// <param name="data">The training set.</param>
    /// <param name="indices">The task's samples.</param>
    /// <param name="rng">Chooses which samples are dropped.</param>
    public void Load(Dataset data, IReadOnlyList<int> indices, Random rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        if (data.SampleSize != SampleSize)
        {
            throw new ArgumentException($"{data.Source}: samples have {data.SampleSize} values but the stream buffer holds {SampleSize}.");
        }

        _source = data;
        _sourceIndices = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            _sourceIndices[i] = indices[i];
        }

        Fill(rng);
    }

    /// <summary>Changes the capacity and refills from the current task's samples.</summary>
    /// <param name="capacity">The new capacity.</param>
    /// <param name="rng">Chooses which samples are dropped.</param>
    public void Resize(int capacity, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        if (_source is not null)
        {
            Fill(rng);
        }
    }

    private void Fill(Random rng)
    {
        Dataset data = _source!;
        int[] indices = _sourceIndices;
        bool[] keep = new bool[indices.Length];
        int kept = indices.Length;
        if (indices.Length <= Capacity)
        {
            Array.Fill(keep, true);
        }
        else
        {
            kept = Capacity;
            int classes = 0;
            foreach (int i in indices)
            {
                classes = Math.Max(classes, data.Label(i) + 1);
            }

            var byClass = new List<int>[classes];
            var available = new int[classes];
            for (int p = 0; p < indices.Length; p++)
            {
                int label = data.Label(indices[p]);
                (byClass[label] ??= new List<int>()).Add(p);
                available[label]++;
            }

            var quota = new int[classes];
            ClassQuota.Proportional(Capacity, available, quota);
            for (int c = 0; c < classes; c++)
            {
                if (byClass[c] is not { } positions)
                {
                    continue;
                }

                int[] shuffled = positions.ToArray();
                rng.Shuffle(shuffled);
                for (int k = 0; k < quota[c]; k++)
                {
                    keep[shuffled[k]] = true;
                }
            }
        }

        if (_labels.Length < kept)
        {
            _features = new float[kept * SampleSize];
            _labels = new int[kept];
            _ids = new long[kept];
        }

        int n = 0;
        for (int p = 0; p < indices.Length; p++)
        {
            if (!keep[p])
            {
                continue;
            }

            data.Features(indices[p]).CopyTo(_features.AsSpan(n * SampleSize, SampleSize));
            _labels[n] = data.Label(indices[p]);
            _ids[n] = indices[p];
            n++;
        }

        Count = n;
        Dropped = indices.Length - n;
    }
}

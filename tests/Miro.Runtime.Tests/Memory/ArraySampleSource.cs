using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;

namespace Miro.Runtime.Tests.Memory;

/// <summary>An <see cref="ISampleSource"/> over a dataset (stands in for the sample store).</summary>
internal sealed class ArraySampleSource : ISampleSource
{
    private readonly Dataset _data;

    public ArraySampleSource(Dataset data) => _data = data;

    public int CountOf(int label)
    {
        int n = 0;
        foreach (int l in _data.Labels)
        {
            n += l == label ? 1 : 0;
        }

        return n;
    }

    public int Fetch(int label, int count, IReadOnlySet<long> exclude, Random rng, Span<float> features, Span<long> ids)
    {
        int got = 0;
        for (int i = 0; i < _data.Count && got < count; i++)
        {
            if (_data.Label(i) == label && !exclude.Contains(i))
            {
                _data.Features(i).CopyTo(features.Slice(got * _data.SampleSize, _data.SampleSize));
                ids[got++] = i;
            }
        }

        return got;
    }
}

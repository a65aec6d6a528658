using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>The store as the source an episodic memory refills from when it grows (DESIGN.md §4.1).</summary>
public sealed partial class SampleStore : ISampleSource
{
    /// <inheritdoc />
    int ISampleSource.CountOf(int label) => CountOf(label);

    /// <summary>
    /// Reads up to <paramref name="count"/> distinct random stored samples of <paramref name="label"/>
    /// whose stream id is not in <paramref name="exclude"/>. Samples that fail their checksum are
    /// skipped (and withdrawn from draws), never returned.
    /// </summary>
    /// <returns>The number of samples copied; <paramref name="ids"/> receives their stream ids.</returns>
    public int Fetch(int label, int count, IReadOnlySet<long> exclude, Random rng, Span<float> features, Span<long> ids)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        ArgumentNullException.ThrowIfNull(rng);
        if (features.Length < count * (long)FeatureCount || ids.Length < count)
        {
            throw new ArgumentException($"Room for {count} samples of {FeatureCount} values and their ids is needed.", nameof(features));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long[] candidates = _index.Snapshot(label);
            int got = 0;
            // Partial Fisher-Yates over the label's ids: each candidate is visited at most once.
            for (int i = 0; i < candidates.Length && got < count; i++)
            {
                int j = rng.Next(i, candidates.Length);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                var row = features.Slice(got * FeatureCount, FeatureCount);
                try
                {
                    if (ReadLocked(candidates[i], row, out var header) && !exclude.Contains(header.SourceId))
                    {
                        ids[got++] = header.SourceId;
                    }
                }
                catch (SampleCorruptedException)
                {
                    // Withdrawn by ReadLocked; try the next candidate.
                }
            }
            return got;
        }
    }
}

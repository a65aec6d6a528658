using System.Collections.Concurrent;

namespace Miro.Runtime.Memory;

/// <summary>
/// Reusable sample buffers shared by the trainer (which returns them after publication) and the
/// prefetch thread (which fills them): the steady state of swapping allocates nothing. Both threads
/// rent and return, hence the concurrent queue.
/// </summary>
internal sealed class PrefetchedSamplePool(int featureCount)
{
    private readonly ConcurrentQueue<PrefetchedSample> _free = new();

    /// <summary>Values per sample.</summary>
    public int FeatureCount { get; } = featureCount;

    /// <summary>A free buffer (a new one when none is free).</summary>
    public PrefetchedSample Rent() => _free.TryDequeue(out var sample) ? sample : new PrefetchedSample(FeatureCount);

    /// <summary>Gives a buffer back once its sample was published or discarded.</summary>
    public void Return(PrefetchedSample sample) => _free.Enqueue(sample);
}

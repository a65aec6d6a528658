using System;

namespace Miro.Runtime.Memory;

/// <summary>
/// The episodic-memory slots the swap worker refreshes. <see cref="LabelAt"/> is read from the
/// worker thread, so labels must not change while the worker has requests in flight (the loop
/// drains or pauses the worker before it updates or resizes the memory);
/// <see cref="Replace"/> is only ever called on the thread that trains.
/// </summary>
public interface ISwapTarget
{
    /// <summary>Floats per sample.</summary>
    int FeatureCount { get; }

    /// <summary>The label of the sample in <paramref name="slot"/>.</summary>
    int LabelAt(int slot);

    /// <summary>Overwrites <paramref name="slot"/> with a stored sample of the same label.</summary>
    void Replace(int slot, ReadOnlySpan<float> features);
}

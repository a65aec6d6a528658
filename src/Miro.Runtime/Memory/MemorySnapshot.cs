using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// A copy of a replay memory's state for checkpoints: the filled slots (features row-major, labels,
/// sample ids), the capacity, the classes seen and, for reservoir memories, the observed count.
/// </summary>
/// <param name="Capacity">Slots.</param>
/// <param name="Features">Features of the filled slots, <c>Labels.Length × sample size</c> values.</param>
/// <param name="Labels">Label per filled slot.</param>
/// <param name="Ids">Sample id per filled slot.</param>
/// <param name="SeenClasses">Classes offered so far, ascending.</param>
/// <param name="Observed">Stream samples observed (reservoir sampling); 0 for class-balanced memories.</param>
public sealed record MemorySnapshot(
    int Capacity,
    float[] Features,
    int[] Labels,
    long[] Ids,
    IReadOnlyList<int> SeenClasses,
    long Observed);

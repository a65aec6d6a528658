namespace Miro.Runtime.Controller;

/// <summary>
/// What bounds a candidate at the start of a task (DESIGN.md §5): the episodic memory cannot hold
/// more samples than are stored, the stream buffer more than the task brings, and both together
/// must fit the DRAM available.
/// </summary>
/// <param name="StoredSamples">Samples the episodic memory can be filled from (the store's count; without a store, the samples seen so far).</param>
/// <param name="TaskSamples">Samples in the task's stream.</param>
/// <param name="DramBytes">DRAM the two memories may use: what is available now plus what they hold already.</param>
/// <param name="SampleBytes">Bytes one sample occupies in DRAM (the spec's <c>sample</c>).</param>
public sealed record FeasibleResources(long StoredSamples, int TaskSamples, long DramBytes, long SampleBytes)
{
    /// <summary>Samples that fit the DRAM bound.</summary>
    public long DramSamples => SampleBytes <= 0 ? long.MaxValue : DramBytes / SampleBytes;
}

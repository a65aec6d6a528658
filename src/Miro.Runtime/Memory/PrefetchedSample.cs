namespace Miro.Runtime.Memory;

/// <summary>What one draw from a label's stream gave.</summary>
internal enum DrawOutcome
{
    /// <summary>A sample, checksum verified.</summary>
    Drawn,
    /// <summary>The store holds no sample of the label.</summary>
    Missing,
    /// <summary>The drawn sample failed its checksum (the store withdrew it).</summary>
    Corrupted,
}

/// <summary>
/// One draw of a <see cref="LabelStream"/>, read from flash ahead of need; pooled (its feature row
/// is reused). <see cref="Before"/> is the label stream's generator state before the draw, so a
/// checkpoint can rewind the stream to the first draw not yet taken.
/// </summary>
internal sealed class PrefetchedSample(int featureCount)
{
    /// <summary>The draw's features. Publishing the swap gives this array to the EM slot and puts the slot's old array here (<see cref="ReplayMemory.Exchange"/>).</summary>
    public float[] Features { get; set; } = new float[featureCount];
    public DrawOutcome Outcome;
    public int Label;
    public long SourceId;
    public RandomState Before;
}

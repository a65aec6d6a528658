namespace Miro.Runtime.Data;

/// <summary>The content of an IDX file.</summary>
public sealed class IdxArray
{
    internal IdxArray(int[] dimensions, byte[] data)
    {
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The dimension sizes, outermost first.</summary>
    public int[] Dimensions { get; }

    /// <summary>The elements, row-major.</summary>
    public byte[] Data { get; }
}

namespace Miro.Runtime.Data;

/// <summary>The content of a NumPy <c>.npy</c> file, converted to float32.</summary>
public sealed class NpyArray
{
    internal NpyArray(long[] shape, float[] values, string dtype, byte[] raw, SampleElement element)
    {
        Raw = raw;
        Element = element;
        Shape = shape;
        Values = values;
        DType = dtype;
    }

    /// <summary>The array's shape.</summary>
    public long[] Shape { get; }

    /// <summary>The elements in C order, as float32.</summary>
    public float[] Values { get; }

    /// <summary>The file's element type (<c>descr</c>, e.g. <c>&lt;f4</c>, <c>|u1</c>).</summary>
    public string DType { get; }

    /// <summary>The elements as read, little-endian (what a data set keeps for the sample store).</summary>
    internal byte[] Raw { get; }

    /// <summary>The element type of <see cref="Raw"/>.</summary>
    internal SampleElement Element { get; }

    /// <summary>True for integer and unsigned element types.</summary>
    public bool IsInteger => DType.Length >= 2 && DType[1] is 'i' or 'u' or 'b';
}

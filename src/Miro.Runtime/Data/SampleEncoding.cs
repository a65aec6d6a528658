using System;
using System.Buffers.Binary;
using System.Globalization;

namespace Miro.Runtime.Data;

/// <summary>The element type a data set's samples have on disk (and in the sample store).</summary>
/// <remarks>The numeric values are written into every store record: never renumber them.</remarks>
public enum SampleElement : byte
{
    /// <summary>32-bit IEEE float (in-memory tensors, <c>.npy</c> <c>f4</c>).</summary>
    Float32 = 1,

    /// <summary>Unsigned byte (IDX, CIFAR, <c>.npy</c> <c>u1</c> and <c>b1</c>).</summary>
    UInt8 = 2,

    /// <summary>Signed byte (<c>.npy</c> <c>i1</c>).</summary>
    Int8 = 3,

    /// <summary>16-bit integer (<c>.npy</c> <c>i2</c>).</summary>
    Int16 = 4,

    /// <summary>32-bit integer (<c>.npy</c> <c>i4</c>).</summary>
    Int32 = 5,

    /// <summary>64-bit integer (<c>.npy</c> <c>i8</c>).</summary>
    Int64 = 6,

    /// <summary>64-bit IEEE float (<c>.npy</c> <c>f8</c>).</summary>
    Float64 = 7,
}

/// <summary>
/// How one sample's values are kept outside DRAM: the data set's own element type (little-endian)
/// and the divisor that turns an element into the float a batch trains on
/// (<c>value = (float)element / Divisor</c>; 255 for pixel bytes scaled to [0, 1], else 1).
/// <see cref="Decode"/> is the one conversion every reader and the sample store share, so a sample
/// read back from flash is bit-for-bit the float the data set holds in DRAM.
/// </summary>
/// <param name="Element">The element type.</param>
/// <param name="Divisor">What each element is divided by when it becomes a float (1 or 255).</param>
public readonly record struct SampleEncoding(SampleElement Element, float Divisor)
{
    /// <summary>Float32 values kept as they are.</summary>
    public static SampleEncoding Float32 => new(SampleElement.Float32, 1f);

    /// <summary>Unsigned bytes scaled to [0, 1] (pixels of IDX and CIFAR files).</summary>
    public static SampleEncoding PixelBytes => new(SampleElement.UInt8, 255f);

    /// <summary>Bytes per element.</summary>
    public int ElementBytes => Element switch
    {
        SampleElement.UInt8 or SampleElement.Int8 => 1,
        SampleElement.Int16 => 2,
        SampleElement.Float32 or SampleElement.Int32 => 4,
        SampleElement.Int64 or SampleElement.Float64 => 8,
        _ => throw new InvalidOperationException($"Unknown sample element type {(int)Element}."),
    };

    /// <summary>Converts <paramref name="raw"/> (little-endian elements) into <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public void Decode(ReadOnlySpan<byte> raw, Span<float> values)
    {
        if (raw.Length != values.Length * (long)ElementBytes)
        {
            throw new ArgumentException($"{raw.Length} bytes of {this} do not make {values.Length} values.", nameof(raw));
        }

        // Dividing by 1 would give the same floats; skipping it keeps the common float path a copy.
        float divisor = Divisor;
        bool scaled = divisor != 1f;
        switch (Element)
        {
            case SampleElement.Float32:
                for (int i = 0; i < values.Length; i++)
                {
                    float v = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
                    values[i] = scaled ? v / divisor : v;
                }
                break;
            case SampleElement.UInt8:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = scaled ? raw[i] / divisor : raw[i];
                }
                break;
            case SampleElement.Int8:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = scaled ? (sbyte)raw[i] / divisor : (sbyte)raw[i];
                }
                break;
            case SampleElement.Int16:
                for (int i = 0; i < values.Length; i++)
                {
                    float v = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
                    values[i] = scaled ? v / divisor : v;
                }
                break;
            case SampleElement.Int32:
                for (int i = 0; i < values.Length; i++)
                {
                    float v = BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]);
                    values[i] = scaled ? v / divisor : v;
                }
                break;
            case SampleElement.Int64:
                for (int i = 0; i < values.Length; i++)
                {
                    float v = BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]);
                    values[i] = scaled ? v / divisor : v;
                }
                break;
            case SampleElement.Float64:
                for (int i = 0; i < values.Length; i++)
                {
                    float v = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]);
                    values[i] = scaled ? v / divisor : v;
                }
                break;
            default:
                throw new InvalidOperationException($"Unknown sample element type {(int)Element}.");
        }
    }

    /// <summary>A short name, e.g. <c>u8/255</c> or <c>f32</c> (as written in the store's metadata).</summary>
    public override string ToString()
    {
        string element = Element switch
        {
            SampleElement.Float32 => "f32",
            SampleElement.UInt8 => "u8",
            SampleElement.Int8 => "i8",
            SampleElement.Int16 => "i16",
            SampleElement.Int32 => "i32",
            SampleElement.Int64 => "i64",
            SampleElement.Float64 => "f64",
            _ => "?" + ((int)Element).ToString(CultureInfo.InvariantCulture),
        };
        return Divisor == 1f ? element : element + "/" + Divisor.ToString("R", CultureInfo.InvariantCulture);
    }
}

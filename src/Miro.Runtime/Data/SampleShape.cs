namespace Miro.Runtime.Data;

/// <summary>The shape of one sample: channels × height × width (a flat vector is 1 × 1 × n).</summary>
/// <param name="Channels">Channels (1 for grey, 3 for colour).</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct SampleShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in one sample.</summary>
    public int Size => Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}

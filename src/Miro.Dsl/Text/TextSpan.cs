namespace Miro.Dsl.Text;

/// <summary>A range of character offsets in a source text (end exclusive), carried by every syntax node.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Cover(TextSpan other) => new(Start < other.Start ? Start : other.Start, End > other.End ? End : other.End);
}

using System;
using System.Collections.Generic;
using Sprache;

namespace Miro.Dsl.Syntax;

/// <summary>
/// A Sprache input that can jump to any offset in one step. Sprache's own <see cref="Input"/> only
/// advances one character at a time, allocating a new input per character; the token parsers
/// here scan the string directly and then jump, which cuts parse allocations several-fold.
/// Line and column are computed on demand (the compiler maps offsets itself, see LineMap).
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly IDictionary<object, object> _memos;

    public SourceInput(string source)
        : this(source, 0, new Dictionary<object, object>())
    {
    }

    private SourceInput(string source, int position, IDictionary<object, object> memos)
    {
        Source = source;
        Position = position;
        _memos = memos;
    }

    public string Source { get; }

    public int Position { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= Source.Length;

    public int Line
    {
        get
        {
            var line = 1;
            for (var i = 0; i < Position; i++)
                if (Source[i] == '\n') line++;
            return line;
        }
    }

    public int Column => Position - (Position == 0 ? 0 : Source.LastIndexOf('\n', Position - 1) + 1) + 1;

    public IDictionary<object, object> Memos => _memos;

    public IInput Advance()
    {
        if (AtEnd) throw new InvalidOperationException("Cannot advance beyond the end of the input.");
        return new SourceInput(Source, Position + 1, _memos);
    }

    /// <summary>The same source at <paramref name="offset"/>.</summary>
    public SourceInput At(int offset) => offset == Position ? this : new SourceInput(Source, offset, _memos);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => (Source.GetHashCode() * 397) ^ Position;

    public override string ToString() => $"Line {Line}, Column {Column}";
}

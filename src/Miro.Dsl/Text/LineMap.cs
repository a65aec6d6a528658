using System.Collections.Generic;
using Miro.Dsl.Diagnostics;

namespace Miro.Dsl.Text;

/// <summary>
/// Maps character offsets to 0-based line and column. LF, CRLF and a lone CR each end a line, so
/// the same file saved with any line ending gives the same line and column for every offset that
/// is not inside a line break.
/// </summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly int _length;

    public LineMap(string text)
    {
        _length = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                _lineStarts.Add(i + 1);
            }
            else if (c == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public SourcePosition Position(int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > _length) offset = _length;
        int lo = 0, hi = _lineStarts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return new SourcePosition(offset, lo, offset - _lineStarts[lo]);
    }

    public SourceSpan Span(TextSpan span) => new(Position(span.Start), Position(span.End));
}

using System;

namespace Miro.Dsl.Tests;

/// <summary>
/// Test input with the expected span marked as <c>[|...|]</c>. The expected line and column are
/// computed here independently of the compiler's line map (LF only; the CRLF tests compare
/// against LF results).
/// </summary>
internal sealed record MarkedText(string Text, int Line, int Column, int Length)
{
    public static MarkedText Parse(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start) throw new ArgumentException("mark the expected span with [| and |]: " + marked);
        var text = marked.Remove(end, 2).Remove(start, 2);
        var length = end - start - 2;
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < start; i++)
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        return new MarkedText(text, line, start - lineStart, length);
    }
}

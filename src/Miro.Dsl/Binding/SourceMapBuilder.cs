using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>Builds a policy's <see cref="SpecSourceMap"/> from the spans of its syntax tree.</summary>
internal static class SourceMapBuilder
{
    public static SpecSourceMap Build(PolicySyntax policy, string text, LineMap lines)
    {
        var entries = new List<SpecSource>();
        entries.Add(Entry("policy", policy.Span, text, lines));
        foreach (var setting in policy.Body.Settings)
        {
            entries.Add(Entry(setting.Name, setting.Span, text, lines));
            // A when rule's entries narrow tunables; the rule itself is what generated docs quote.
            if (setting.Block is null || setting.Name == "when") continue;
            foreach (var inner in setting.Block.Settings)
                entries.Add(Entry(setting.Name + "." + inner.Name, inner.Span, text, lines));
        }

        return new SpecSourceMap(entries.ToEquatableArray());
    }

    private static SpecSource Entry(string key, TextSpan span, string text, LineMap lines)
    {
        var start = lines.Position(span.Start);
        return new SpecSource(key, start.Line, start.Column, span.Start, FirstLine(text, span));
    }

    // The span's text up to the end of its first line, less any comment there and the brace that
    // opens a block ("when dram.available < 1 GiB {" quotes as "when dram.available < 1 GiB").
    private static string FirstLine(string text, TextSpan span)
    {
        var end = span.Start;
        var inString = false;
        while (end < span.End && text[end] != '\n' && text[end] != '\r')
        {
            var c = text[end];
            if (c == '"') inString = !inString;
            else if (!inString && c == '/' && end + 1 < span.End && (text[end + 1] == '/' || text[end + 1] == '*')) break;
            end++;
        }

        var line = text.Substring(span.Start, end - span.Start).TrimEnd();
        if (line.EndsWith("{", System.StringComparison.Ordinal)) line = line.Substring(0, line.Length - 1).TrimEnd();
        return line;
    }
}

using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Text;

namespace Miro.Dsl.Syntax;

/// <summary>Turns a parse failure into a <see cref="SyntaxError"/> that names what was found and what was expected.</summary>
internal static class SyntaxErrors
{
    /// <param name="source">The whole text.</param>
    /// <param name="failure">Where the failing parser stopped (before trivia).</param>
    /// <param name="expectations">What the failing parser wanted there.</param>
    /// <param name="context">The enclosing block, e.g. "the device section".</param>
    /// <param name="keywords">The words that start an item of the block.</param>
    /// <param name="atItemStart">True when nothing of the item matched (an unknown setting).</param>
    public static SyntaxError At(string source, int failure, IEnumerable<string> expectations, string context, IReadOnlyList<string> keywords, bool atItemStart)
    {
        var pos = Lexical.SkipTrivia(source, failure);
        var kind = Lexical.ScanRaw(source, pos, out var end);
        var span = new TextSpan(pos, end);
        switch (kind)
        {
            case Lexical.RawKind.UnclosedComment:
                return new SyntaxError(DiagnosticDescriptors.UnterminatedComment, DiagnosticDescriptors.UnterminatedComment.Format(), new TextSpan(pos, pos + 2));
            case Lexical.RawKind.UnclosedString:
                return new SyntaxError(DiagnosticDescriptors.UnterminatedString, DiagnosticDescriptors.UnterminatedString.Format(), span);
        }
        var expected = atItemStart ? OneOf(keywords, context) : Join(expectations);
        if (atItemStart && kind == Lexical.RawKind.Word)
        {
            var word = source.Substring(pos, end - pos);
            var hint = Suggestions.DidYouMean(word, keywords);
            return new SyntaxError(DiagnosticDescriptors.UnknownSetting, DiagnosticDescriptors.UnknownSetting.Format(word, context, expected, hint), span);
        }
        var found = kind == Lexical.RawKind.End ? "end of file" : "'" + Truncate(source.Substring(pos, end - pos)) + "'";
        return new SyntaxError(DiagnosticDescriptors.UnexpectedToken, DiagnosticDescriptors.UnexpectedToken.Format(found, expected), span);
    }

    private static string Truncate(string text) => text.Length <= 24 ? text : text.Substring(0, 24) + "...";

    private static string OneOf(IReadOnlyList<string> keywords, string context)
    {
        var quoted = new List<string>();
        foreach (var k in keywords) quoted.Add(k);
        var list = Join(quoted);
        return context == "the file" ? list : list + " (or '}' to end " + context + ")";
    }

    /// <summary>"a", "a or b", "a, b or c" — duplicates removed, order kept.</summary>
    public static string Join(IEnumerable<string> items)
    {
        var distinct = new List<string>();
        foreach (var item in items)
            if (!distinct.Contains(item)) distinct.Add(item);
        if (distinct.Count == 0) return "something else";
        if (distinct.Count == 1) return distinct[0];
        return string.Join(", ", distinct.GetRange(0, distinct.Count - 1)) + " or " + distinct[distinct.Count - 1];
    }
}

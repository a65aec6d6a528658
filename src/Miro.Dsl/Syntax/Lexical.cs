using System;
using System.Globalization;
using Miro.Dsl.Binding;
using Miro.Dsl.Text;
using Sprache;

namespace Miro.Dsl.Syntax;

/// <summary>
/// The token-level parsers the grammar is built from. Each skips leading trivia (whitespace and
/// comments) and, on failure, reports the input it was given (before the trivia) so that Sprache's
/// <c>Named</c>, <c>XOr</c> and <c>XOptional</c> see "nothing consumed". They are hand-written
/// <see cref="Parser{T}"/> delegates because scanning characters directly is both faster and the
/// only way to decide what a unit is (see <see cref="Unit"/>).
/// </summary>
internal static class Lexical
{
    public static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Skips whitespace and closed comments from <paramref name="pos"/>. An unclosed
    /// <c>/*</c> is not trivia: it stays in place so the parser reports it.</summary>
    public static int SkipTrivia(string s, int pos)
    {
        while (pos < s.Length)
        {
            var c = s[pos];
            // U+FEFF: a byte-order mark left at the start of a file read without BOM detection.
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/')
            {
                pos += 2;
                while (pos < s.Length && s[pos] != '\n' && s[pos] != '\r') pos++;
            }
            else if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '*')
            {
                var close = s.IndexOf("*/", pos + 2, System.StringComparison.Ordinal);
                if (close < 0) return pos;
                pos = close + 2;
            }
            else
            {
                return pos;
            }
        }
        return pos;
    }

    /// <summary>What kind of raw token starts at a (non-trivia) position; used by error recovery.</summary>
    public enum RawKind { End, Word, Number, String, UnclosedString, UnclosedComment, Symbol }

    /// <summary>Scans one raw token at <paramref name="pos"/> (after trivia) without interpreting it.</summary>
    public static RawKind ScanRaw(string s, int pos, out int end)
    {
        end = pos;
        if (pos >= s.Length) return RawKind.End;
        var c = s[pos];
        if (IsIdentifierStart(c))
        {
            while (end < s.Length && IsIdentifierPart(s[end])) end++;
            return RawKind.Word;
        }
        if (IsDigit(c) || (c == '-' && pos + 1 < s.Length && IsDigit(s[pos + 1])))
        {
            end = ScanNumber(s, pos);
            return RawKind.Number;
        }
        if (c == '"')
        {
            end = pos + 1;
            while (end < s.Length && s[end] != '"' && s[end] != '\n' && s[end] != '\r') end++;
            if (end < s.Length && s[end] == '"')
            {
                end++;
                return RawKind.String;
            }
            return RawKind.UnclosedString;
        }
        if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '*')
        {
            end = s.Length;
            return RawKind.UnclosedComment;
        }
        end = pos + 1;
        if (char.IsHighSurrogate(c) && end < s.Length && char.IsLowSurrogate(s[end])) end++;
        return RawKind.Symbol;
    }

    private static int ScanNumber(string s, int pos)
    {
        var end = pos;
        if (end < s.Length && s[end] == '-') end++;
        while (end < s.Length && IsDigit(s[end])) end++;
        // A '.' belongs to the number only when a digit follows, so "192..768" is 192, '..', 768.
        if (end + 1 < s.Length && s[end] == '.' && IsDigit(s[end + 1]))
        {
            end++;
            while (end < s.Length && IsDigit(s[end])) end++;
        }
        if (end < s.Length && (s[end] == 'e' || s[end] == 'E'))
        {
            var e = end + 1;
            if (e < s.Length && (s[e] == '+' || s[e] == '-')) e++;
            if (e < s.Length && IsDigit(s[e]))
            {
                while (e < s.Length && IsDigit(s[e])) e++;
                end = e;
            }
        }
        return end;
    }

    /// <summary>Advances a Sprache input to an absolute offset.</summary>
    public static IInput AdvanceTo(IInput input, int offset)
    {
        if (input is SourceInput jumpable) return jumpable.At(Math.Min(offset, input.Source.Length));
        while (input.Position < offset && !input.AtEnd) input = input.Advance();
        return input;
    }

    /// <summary>A failure at <paramref name="input"/>; the expectation array is made once per parser, not per failure.</summary>
    private static IResult<T> Fail<T>(IInput input, string[] expected) => Result.Failure<T>(input, expected[0], expected);

    private static readonly string[] ExpectName = { "a name" };
    private static readonly string[] ExpectNumber = { "a number" };
    private static readonly string[] ExpectString = { "a string in double quotes" };
    private static readonly string[] ExpectPath = { "a dotted name such as episodic.capacity" };

    /// <summary>An identifier: a letter or '_' followed by letters, digits or '_'.</summary>
    public static readonly Parser<WordSyntax> Identifier = input =>
    {
        var s = input.Source;
        var start = SkipTrivia(s, input.Position);
        if (start >= s.Length || !IsIdentifierStart(s[start])) return Fail<WordSyntax>(input, ExpectName);
        var end = start;
        while (end < s.Length && IsIdentifierPart(s[end])) end++;
        return Result.Success(new WordSyntax(s.Substring(start, end - start), new TextSpan(start, end)), AdvanceTo(input, end));
    };

    /// <summary>Exactly the word <paramref name="keyword"/> (not a prefix of a longer word).</summary>
    public static Parser<WordSyntax> Keyword(string keyword)
    {
        var expected = new[] { "'" + keyword + "'" };
        return input =>
        {
            var s = input.Source;
            var start = SkipTrivia(s, input.Position);
            var end = start + keyword.Length;
            if (end > s.Length || string.CompareOrdinal(s, start, keyword, 0, keyword.Length) != 0
                || (end < s.Length && IsIdentifierPart(s[end])))
                return Fail<WordSyntax>(input, expected);
            return Result.Success(new WordSyntax(keyword, new TextSpan(start, end)), AdvanceTo(input, end));
        };
    }

    /// <summary>Punctuation: <c>{ } [ ] ( ) , : .. &lt; &lt;= &gt; &gt;=</c>.</summary>
    public static Parser<WordSyntax> Symbol(string symbol)
    {
        var expected = new[] { "'" + symbol + "'" };
        return input =>
        {
            var s = input.Source;
            var start = SkipTrivia(s, input.Position);
            var end = start + symbol.Length;
            if (end > s.Length || string.CompareOrdinal(s, start, symbol, 0, symbol.Length) != 0)
                return Fail<WordSyntax>(input, expected);
            return Result.Success(new WordSyntax(symbol, new TextSpan(start, end)), AdvanceTo(input, end));
        };
    }

    /// <summary>A comparison operator: <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c> or <c>&gt;</c>.</summary>
    public static readonly Parser<WordSyntax> ComparisonOperator =
        Symbol("<=").Or(Symbol(">=")).Or(Symbol("<")).Or(Symbol(">")).Named("a comparison (<, <=, > or >=)");

    /// <summary>A decimal number, optionally negative, with an optional exponent.</summary>
    public static readonly Parser<NumberSyntax> Number = input =>
    {
        var s = input.Source;
        var start = SkipTrivia(s, input.Position);
        if (start >= s.Length || !(IsDigit(s[start]) || (s[start] == '-' && start + 1 < s.Length && IsDigit(s[start + 1]))))
            return Fail<NumberSyntax>(input, ExpectNumber);
        var end = ScanNumber(s, start);
        var text = s.Substring(start, end - start);
        // TryParse never throws; values beyond double's range become infinity and the binder's range checks reject them.
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        return Result.Success(new NumberSyntax(value, text, new TextSpan(start, end)), AdvanceTo(input, end));
    };

    /// <summary>
    /// The unit after a number, if any: <c>%</c>, or a word optionally followed by <c>/word</c>
    /// (<c>nJ/B</c>). A word counts as a unit when it is a known unit, or when it is not a reserved
    /// word and looks like one (has an upper-case letter or a '/', or is at most three letters), so
    /// that typos such as <c>Gb</c> reach the binder as unknown units instead of as stray words.
    /// Never fails: "no unit" is a successful empty result.
    /// </summary>
    public static readonly Parser<WordSyntax?> Unit = input =>
    {
        var s = input.Source;
        var start = SkipTrivia(s, input.Position);
        if (start < s.Length && s[start] == '%')
            return Result.Success<WordSyntax?>(new WordSyntax("%", new TextSpan(start, start + 1)), AdvanceTo(input, start + 1));
        if (start >= s.Length || !IsIdentifierStart(s[start])) return Result.Success<WordSyntax?>(null, input);
        var end = start;
        while (end < s.Length && IsIdentifierPart(s[end])) end++;
        var hasSlash = false;
        if (end + 1 < s.Length && s[end] == '/' && IsIdentifierStart(s[end + 1]))
        {
            hasSlash = true;
            end++;
            while (end < s.Length && IsIdentifierPart(s[end])) end++;
        }
        var text = s.Substring(start, end - start);
        if (!Units.TryGet(text, out _))
        {
            var looksLikeUnit = hasSlash || text.Length <= 3 || HasUpper(text);
            if (Keywords.Reserved.Contains(text) || !looksLikeUnit) return Result.Success<WordSyntax?>(null, input);
        }
        return Result.Success<WordSyntax?>(new WordSyntax(text, new TextSpan(start, end)), AdvanceTo(input, end));
    };

    private static bool HasUpper(string text)
    {
        foreach (var c in text)
            if (c >= 'A' && c <= 'Z') return true;
        return false;
    }

    /// <summary>A double-quoted string on one line (no escapes: it holds paths).</summary>
    public static readonly Parser<StringSyntax> String = input =>
    {
        var s = input.Source;
        var start = SkipTrivia(s, input.Position);
        if (ScanRaw(s, start, out var end) != RawKind.String) return Fail<StringSyntax>(input, ExpectString);
        return Result.Success(new StringSyntax(s.Substring(start + 1, end - start - 2), new TextSpan(start, end)), AdvanceTo(input, end));
    };

    /// <summary>A dotted name without spaces: <c>episodic.capacity</c>.</summary>
    public static readonly Parser<PathSyntax> Path = input =>
    {
        var s = input.Source;
        var start = SkipTrivia(s, input.Position);
        if (start >= s.Length || !IsIdentifierStart(s[start])) return Fail<PathSyntax>(input, ExpectPath);
        var parts = new System.Collections.Generic.List<WordSyntax>();
        var pos = start;
        while (true)
        {
            var end = pos;
            while (end < s.Length && IsIdentifierPart(s[end])) end++;
            parts.Add(new WordSyntax(s.Substring(pos, end - pos), new TextSpan(pos, end)));
            if (end + 1 < s.Length && s[end] == '.' && IsIdentifierStart(s[end + 1]))
            {
                pos = end + 1;
                continue;
            }
            return Result.Success(new PathSyntax(parts, new TextSpan(start, end)), AdvanceTo(input, end));
        }
    };
}

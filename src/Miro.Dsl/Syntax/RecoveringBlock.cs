using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Text;
using Sprache;

namespace Miro.Dsl.Syntax;

/// <summary>
/// The error-recovering parsers: a brace-delimited block of items, and the item list of a whole file.
/// When an item fails, the error is recorded in the block and parsing resumes at the next word that
/// starts an item of the same block (skipping nested braces), at the block's '}', or at the next
/// <c>policy</c>. So one file reports every broken setting, not just the first.
/// </summary>
internal static class RecoveringBlock
{
    private static readonly Parser<WordSyntax> Open = Lexical.Symbol("{");

    /// <summary>
    /// A block <c>{ item* }</c>. Fails (without consuming) only when the '{' is missing. A word that
    /// starts an item of the enclosing block (<paramref name="enclosing"/>) and not of this one means
    /// this block lacks its '}': the block ends there with MIRO1005 and the enclosing block goes on,
    /// so a forgotten brace costs one error instead of swallowing the next section.
    /// </summary>
    public static Parser<BlockSyntax> Of(string context, Parser<SettingSyntax> item, string[] keywords, string[]? enclosing = null) => input =>
    {
        var open = Open(input);
        if (!open.WasSuccessful) return Result.Failure<BlockSyntax>(input, open.Message, open.Expectations);
        var s = input.Source;
        var settings = new List<SettingSyntax>();
        var errors = new List<SyntaxError>();
        var i = open.Remainder;
        while (true)
        {
            var pos = Lexical.SkipTrivia(s, i.Position);
            i = Lexical.AdvanceTo(i, pos);
            var kind = Lexical.ScanRaw(s, pos, out var end);
            if (kind == Lexical.RawKind.End || (kind == Lexical.RawKind.Word && IsPolicyStart(s, pos, end)))
            {
                // Stopping at the next policy keeps one missing brace from swallowing the rest of the file.
                var unclosed = DiagnosticDescriptors.MissingCloseBrace;
                errors.Add(new SyntaxError(unclosed, unclosed.Format(context), open.Value.Span));
                return Result.Success(new BlockSyntax(settings, errors, new TextSpan(open.Value.Span.Start, pos)), i);
            }
            if (kind == Lexical.RawKind.Symbol && s[pos] == '}')
            {
                return Result.Success(new BlockSyntax(settings, errors, new TextSpan(open.Value.Span.Start, pos + 1)), i.Advance());
            }
            var result = item(i);
            if (result.WasSuccessful)
            {
                settings.Add(result.Value);
                i = result.Remainder;
                continue;
            }
            var failedAt = result.Remainder.Position;
            var atItemStart = Lexical.SkipTrivia(s, failedAt) == pos;
            // Not only at the item start: a tune entry reads any word as a path, so 'profile {' fails at '{'.
            if (kind == Lexical.RawKind.Word && enclosing is not null && IsAny(s, pos, end, enclosing) && !IsAny(s, pos, end, keywords))
            {
                var unclosed = DiagnosticDescriptors.MissingCloseBrace;
                errors.Add(new SyntaxError(unclosed, unclosed.Format(context), open.Value.Span));
                return Result.Success(new BlockSyntax(settings, errors, new TextSpan(open.Value.Span.Start, pos)), i);
            }
            errors.Add(SyntaxErrors.At(s, failedAt, result.Expectations, context, keywords, atItemStart));
            i = Lexical.AdvanceTo(i, SkipItem(s, pos, keywords));
        }
    };

    /// <summary>The items of a file: <c>policy</c> blocks, recovering at the next <c>policy</c>.</summary>
    public static Parser<FileSyntax> File(Parser<PolicySyntax> policy) => input =>
    {
        var s = input.Source;
        var policies = new List<PolicySyntax>();
        var errors = new List<SyntaxError>();
        var i = input;
        string[] keywords = { "policy" };
        while (true)
        {
            var pos = Lexical.SkipTrivia(s, i.Position);
            i = Lexical.AdvanceTo(i, pos);
            if (pos >= s.Length) return Result.Success(new FileSyntax(policies, errors, new TextSpan(0, s.Length)), i);
            var result = policy(i);
            if (result.WasSuccessful)
            {
                policies.Add(result.Value);
                i = result.Remainder;
                continue;
            }
            var failedAt = result.Remainder.Position;
            var atStart = Lexical.SkipTrivia(s, failedAt) == pos;
            errors.Add(atStart
                ? SyntaxErrors.At(s, failedAt, new[] { "'policy'" }, "the file", keywords, atItemStart: false)
                : SyntaxErrors.At(s, failedAt, result.Expectations, "the file", keywords, atItemStart: false));
            i = Lexical.AdvanceTo(i, SkipItem(s, pos, keywords));
        }
    };

    /// <summary>
    /// Skips the broken item that starts at <paramref name="pos"/>: always at least one token, then
    /// every token until, outside nested braces, a '}' or a word that starts an item; or the start
    /// of the next policy (<c>policy Name {</c>) at any depth; or the end.
    /// </summary>
    private static int SkipItem(string s, int pos, string[] keywords)
    {
        Lexical.ScanRaw(s, pos, out var end);
        var depth = 0;
        while (true)
        {
            var next = Lexical.SkipTrivia(s, end);
            var kind = Lexical.ScanRaw(s, next, out var nextEnd);
            if (kind == Lexical.RawKind.End) return next;
            if (kind == Lexical.RawKind.Word)
            {
                if (IsPolicyStart(s, next, nextEnd)) return next;
                if (depth == 0 && IsAny(s, next, nextEnd, keywords)) return next;
            }
            else if (kind == Lexical.RawKind.Symbol)
            {
                if (s[next] == '{') depth++;
                else if (s[next] == '}')
                {
                    if (depth == 0) return next;
                    depth--;
                }
            }
            end = nextEnd;
        }
    }

    /// <summary><c>policy Name {</c> — not the <c>policy</c> clause of <c>swap ... policy random</c>.</summary>
    private static bool IsPolicyStart(string s, int start, int end)
    {
        if (!IsWord(s, start, end, "policy")) return false;
        var name = Lexical.SkipTrivia(s, end);
        if (Lexical.ScanRaw(s, name, out var nameEnd) != Lexical.RawKind.Word) return false;
        var brace = Lexical.SkipTrivia(s, nameEnd);
        return brace < s.Length && s[brace] == '{';
    }

    private static bool IsWord(string s, int start, int end, string word) =>
        end - start == word.Length && string.CompareOrdinal(s, start, word, 0, word.Length) == 0;

    private static bool IsAny(string s, int start, int end, string[] words)
    {
        foreach (var w in words)
            if (IsWord(s, start, end, w)) return true;
        return false;
    }
}

using System.Collections.Generic;
using Miro.Dsl.Binding;
using Miro.Dsl.Syntax;

namespace Miro.Editor.Tests;

/// <summary>What the real lexer (Miro.Dsl's <see cref="Lexical"/>) says each stretch of a spec is: the grammar must agree with it.</summary>
internal static class LexerOracle
{
    public enum Kind { Comment, Keyword, Word, Unit, Number, String, Symbol }

    public readonly record struct Token(Kind Kind, int Start, int End);

    public static List<Token> Tokens(string s)
    {
        var tokens = new List<Token>();
        int pos = 0;
        Lexical.RawKind previous = Lexical.RawKind.End;
        int previousEnd = 0;
        while (true)
        {
            int next = Lexical.SkipTrivia(s, pos);
            AddComments(s, pos, next, tokens);
            Lexical.RawKind kind = Lexical.ScanRaw(s, next, out int end);
            if (kind is Lexical.RawKind.End or Lexical.RawKind.UnclosedComment)
            {
                return tokens;
            }

            string text = s.Substring(next, end - next);
            // A unit is the word (or '%') right after a number on the same line: `8 GiB`, `25%`;
            // the lexer's unit parser takes `nJ/B` as one unit.
            bool afterNumber = previous == Lexical.RawKind.Number && s.IndexOf('\n', previousEnd, next - previousEnd) < 0;
            int unitEnd = end;
            if (afterNumber && kind == Lexical.RawKind.Word && end + 1 < s.Length && s[end] == '/'
                && Lexical.ScanRaw(s, end + 1, out int perEnd) == Lexical.RawKind.Word)
            {
                unitEnd = perEnd;
            }

            Kind oracle = kind switch
            {
                Lexical.RawKind.Word when Keywords.Reserved.Contains(text) => Kind.Keyword,
                Lexical.RawKind.Word when afterNumber && Units.TryGet(s.Substring(next, unitEnd - next), out _) => Kind.Unit,
                Lexical.RawKind.Word => Kind.Word,
                Lexical.RawKind.Number => Kind.Number,
                Lexical.RawKind.String or Lexical.RawKind.UnclosedString => Kind.String,
                Lexical.RawKind.Symbol when afterNumber && text == "%" => Kind.Unit,
                _ => Kind.Symbol,
            };
            end = oracle == Kind.Unit ? unitEnd : end;
            tokens.Add(new Token(oracle, next, end));
            (previous, previousEnd, pos) = (kind, end, end);
        }
    }

    private static void AddComments(string s, int from, int to, List<Token> tokens)
    {
        int i = from;
        while (i < to - 1)
        {
            if (s[i] == '/' && s[i + 1] == '/')
            {
                int end = i;
                while (end < to && s[end] != '\n' && s[end] != '\r') end++;
                tokens.Add(new Token(Kind.Comment, i, end));
                i = end;
            }
            else if (s[i] == '/' && s[i + 1] == '*')
            {
                int end = s.IndexOf("*/", i + 2, System.StringComparison.Ordinal) + 2;
                tokens.Add(new Token(Kind.Comment, i, end));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }
}

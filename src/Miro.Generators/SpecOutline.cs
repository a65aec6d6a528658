using System.Collections.Generic;
using System.Text;
using Miro.Generators.Model;

namespace Miro.Generators;

/// <summary>
/// Classifies the lines of a .miro text by policy and top-level block, so generated members can
/// quote the spec line they came from (the bound <c>PolicySpec</c> carries values, not text).
/// This is a light scan for documentation only: it understands comments, strings and braces,
/// and nothing it finds affects generated values.
/// </summary>
internal static class SpecOutline
{
    /// <summary>The classified lines of each policy in <paramref name="text"/>, keyed by policy name.</summary>
    public static Dictionary<string, List<SourceLine>> Build(string text)
    {
        var byPolicy = new Dictionary<string, List<SourceLine>>();
        var depth = 0;
        string? policy = null;
        var topBlock = "";
        // The words before a '{' name the block it opens: those on its own line since the last
        // brace, or, for a brace alone on its line, those of the previous line with words.
        var segment = new List<string>();
        var previousLine = new List<string>();
        var inBlockComment = false;
        var lineStart = 0;
        var lineNumber = 0;

        while (lineStart <= text.Length)
        {
            var lineEnd = lineStart;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r') lineEnd++;

            var code = StripComments(text, lineStart, lineEnd, ref inBlockComment);
            var depthAtStart = depth;
            var blockAtStart = topBlock;
            var words = Words(code);

            segment.Clear();
            foreach (var token in Tokens(code))
            {
                if (token == "{")
                {
                    depth++;
                    var opener = segment.Count > 0 ? segment : previousLine;
                    if (depth == 1 && opener.Count >= 2 && opener[0] == "policy")
                    {
                        policy = opener[1];
                        topBlock = "policy";
                    }
                    else if (depth == 2 && opener.Count >= 1)
                    {
                        topBlock = opener[0];
                    }

                    segment.Clear();
                }
                else if (token == "}")
                {
                    if (depth > 0) depth--;
                    segment.Clear();
                }
                else
                {
                    segment.Add(token);
                }
            }

            var trimmed = code.Trim();
            if (words.Count > 0)
            {
                previousLine.Clear();
                previousLine.AddRange(words);
                var block = depthAtStart switch
                {
                    0 => words[0] == "policy" ? "policy" : "",
                    1 => words[0],
                    _ => blockAtStart,
                };
                var owner = depthAtStart == 0 && words.Count >= 2 && words[0] == "policy" ? words[1] : policy;
                if (owner is not null && block.Length > 0)
                {
                    if (!byPolicy.TryGetValue(owner, out var lines)) byPolicy[owner] = lines = new List<SourceLine>();
                    var column = code.Length - code.TrimStart().Length;
                    lines.Add(new SourceLine(block, lineNumber, column, lineStart + column, trimmed));
                }
            }

            if (lineEnd >= text.Length) break;
            lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
            lineNumber++;
        }

        return byPolicy;
    }

    /// <summary>The first line of <paramref name="block"/> that contains the word <paramref name="word"/>.</summary>
    public static SourceLine? Find(IEnumerable<SourceLine> lines, string block, string word, int occurrence = 0)
    {
        foreach (var line in lines)
        {
            if (line.Block != block || !Words(line.Text).Contains(word)) continue;
            if (occurrence-- == 0) return line;
        }

        return null;
    }

    // The line's code with comments blanked out (columns are preserved); string contents are kept.
    private static string StripComments(string text, int start, int end, ref bool inBlockComment)
    {
        var code = new StringBuilder(end - start);
        var inString = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (inBlockComment)
            {
                if (c == '*' && i + 1 < end && text[i + 1] == '/')
                {
                    inBlockComment = false;
                    code.Append("  ");
                    i++;
                }
                else
                {
                    code.Append(' ');
                }

                continue;
            }

            if (inString)
            {
                if (c == '"') inString = false;
                code.Append(c);
                continue;
            }

            if (c == '"')
            {
                inString = true;
                code.Append(c);
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '/')
            {
                break;
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                inBlockComment = true;
                code.Append("  ");
                i++;
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString().TrimEnd();
    }

    // Words and braces, outside string literals.
    private static IEnumerable<string> Tokens(string code)
    {
        var word = new StringBuilder();
        var inString = false;
        foreach (var c in code)
        {
            if (inString)
            {
                if (c == '"') inString = false;
                continue;
            }

            if (c == '"' || c == '{' || c == '}' || char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (c == '"') inString = true;
                else if (c == '{') yield return "{";
                else if (c == '}') yield return "}";
                continue;
            }

            word.Append(c);
        }

        if (word.Length > 0) yield return word.ToString();
    }

    private static List<string> Words(string code)
    {
        var words = new List<string>();
        foreach (var token in Tokens(code))
            if (token != "{" && token != "}") words.Add(token);
        return words;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Miro.Dsl.Syntax;
using Xunit;

namespace Miro.Editor.Tests;

/// <summary>
/// The TextMate grammar colours a spec the way the language reads it: every comment, keyword,
/// number, unit and string the real lexer finds gets the matching scope, and nothing else looks
/// like a keyword.
/// </summary>
public sealed class GrammarTokenTests
{
    public static TheoryData<string> ExampleSpecs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "specs"), "*.miro").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleSpecs))]
    public void Example_spec_is_highlighted_as_the_lexer_reads_it(string file)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", file));
        AssertGrammarAgreesWithLexer(text, file);
    }

    [Fact]
    public void Constructs_missing_from_the_examples_are_highlighted_as_the_lexer_reads_them()
    {
        const string text = """
            /* a block comment
               over two lines */ policy P {
              tune { episodic.capacity in [500 .. 2000 step 500]  swap.ratio in {25%, 50%} }
              when dram.available <= 2 GiB { tune stream.capacity in {1250, 2500} }
              storage nvme 1.5e3 MB { read 3.6 nJ/B  write 250 pJ/B } // trailing
              memory { storage capacity unbounded at "/var/lib/miro" }
              train { model mlp(hidden: [100, 100]) epochs 10 batch 16 optimizer adam(lr: -1e-3) }
            }
            """;
        AssertGrammarAgreesWithLexer(text, "inline");
    }

    [Fact]
    public void Policy_name_is_a_type_name()
    {
        const string text = "policy JetsonNano { }";
        IReadOnlyList<string>[] scopes = MiroGrammar.ScopesOfEveryCharacter(text);
        Assert.Equal("entity.name.type.policy.miro", scopes[text.IndexOf("Jetson", StringComparison.Ordinal)][^1]);
    }

    [Fact]
    public void Grammar_keywords_are_exactly_the_reserved_words_of_the_language()
    {
        using JsonDocument grammar = JsonDocument.Parse(File.ReadAllText(MiroGrammar.GrammarPath));
        string match = grammar.RootElement.GetProperty("repository").GetProperty("keywords").GetProperty("match").GetString()!;
        Match alternation = Regex.Match(match, @"^\\b\(\?:(?<words>[a-z_|]+)\)\\b$");
        Assert.True(alternation.Success, $"the keywords rule should be \\b(?:word|word|...)\\b, not {match}");
        var inGrammar = alternation.Groups["words"].Value.Split('|').ToHashSet(StringComparer.Ordinal);

        Assert.Empty(Keywords.Reserved.Except(inGrammar).OrderBy(w => w, StringComparer.Ordinal)); // reserved but not highlighted
        Assert.Empty(inGrammar.Except(Keywords.Reserved).OrderBy(w => w, StringComparer.Ordinal)); // highlighted but not reserved
    }

    private static void AssertGrammarAgreesWithLexer(string text, string name)
    {
        IReadOnlyList<string>[] scopes = MiroGrammar.ScopesOfEveryCharacter(text);
        var wrong = new List<string>();
        foreach (LexerOracle.Token token in LexerOracle.Tokens(text))
        {
            for (int c = token.Start; c < token.End; c++)
            {
                if (char.IsWhiteSpace(text[c]))
                {
                    continue;
                }

                IReadOnlyList<string> at = scopes[c] ?? Array.Empty<string>();
                if (!Agrees(token.Kind, at))
                {
                    (int line, int column) = LineAndColumn(text, token.Start);
                    wrong.Add($"{name}({line},{column}): '{text[token.Start..token.End]}' is {token.Kind} to the lexer, scopes [{string.Join(", ", at)}]");
                    break;
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static bool Agrees(LexerOracle.Kind kind, IReadOnlyList<string> scopes)
    {
        string innermost = scopes.Count > 0 ? scopes[^1] : "";
        bool inCommentOrString = scopes.Any(s => s.StartsWith("comment.", StringComparison.Ordinal) || s.StartsWith("string.", StringComparison.Ordinal));
        return kind switch
        {
            LexerOracle.Kind.Comment => scopes.Any(s => s.StartsWith("comment.", StringComparison.Ordinal)),
            LexerOracle.Kind.String => scopes.Contains("string.quoted.double.miro"),
            LexerOracle.Kind.Keyword => innermost == "keyword.other.miro",
            LexerOracle.Kind.Unit => innermost == "keyword.other.unit.miro",
            LexerOracle.Kind.Number => innermost == "constant.numeric.miro",
            LexerOracle.Kind.Word => !inCommentOrString && !innermost.StartsWith("keyword.", StringComparison.Ordinal),
            _ => !inCommentOrString && !innermost.StartsWith("keyword.other", StringComparison.Ordinal),
        };
    }

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TextMateSharp.Grammars;
using TextMateSharp.Internal.Grammars.Reader;
using TextMateSharp.Internal.Themes.Reader;
using TextMateSharp.Internal.Types;
using TextMateSharp.Registry;
using TextMateSharp.Themes;

namespace Miro.Editor.Tests;

/// <summary>The VS Code grammar (editors/vscode/syntaxes/miro.tmLanguage.json) loaded into TextMateSharp, the engine VS Code's tokenizer was ported from.</summary>
internal static class MiroGrammar
{
    public const string ScopeName = "source.miro";

    public static string GrammarPath { get; } = Path.Combine(AppContext.BaseDirectory, "editor", "miro.tmLanguage.json");

    private static readonly Lazy<IGrammar> Grammar = new(Load);

    /// <summary>The innermost-last scopes of every character of <paramref name="text"/>, line by line as an editor tokenizes it.</summary>
    public static IReadOnlyList<string>[] ScopesOfEveryCharacter(string text)
    {
        var scopes = new IReadOnlyList<string>[text.Length];
        IStateStack? state = null;
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int newline = text.IndexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.Length : newline;
            string line = text.Substring(lineStart, lineEnd - lineStart).TrimEnd('\r');
            ITokenizeLineResult result = Grammar.Value.TokenizeLine(line, state, TimeSpan.FromSeconds(10));
            state = result.RuleStack;
            foreach (IToken token in result.Tokens)
            {
                for (int c = token.StartIndex; c < Math.Min(token.EndIndex, line.Length); c++)
                {
                    scopes[lineStart + c] = token.Scopes;
                }
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
        }

        return scopes;
    }

    private static IGrammar Load()
    {
        var registry = new Registry(new Options());
        return registry.LoadGrammar(ScopeName) ?? throw new InvalidOperationException($"{GrammarPath} did not load as {ScopeName}.");
    }

    private sealed class Options : IRegistryOptions
    {
        public IRawGrammar? GetGrammar(string scopeName)
        {
            if (scopeName != ScopeName)
            {
                return null;
            }

            using var reader = new StreamReader(GrammarPath, Encoding.UTF8);
            return GrammarReader.ReadGrammarSync(reader);
        }

        public ICollection<string>? GetInjections(string scopeName) => null;

        public IRawTheme? GetTheme(string scopeName) => null;

        // The registry needs a theme to start; colours play no part in these tests.
        public IRawTheme GetDefaultTheme()
        {
            using var reader = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes("""{ "name": "none", "settings": [] }""")));
            return ThemeReader.ReadThemeSync(reader);
        }
    }
}

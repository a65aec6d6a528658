using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Miro.Editor.Tests;

/// <summary>The VS Code extension folder wires the grammar to .miro files with the language's comment and bracket syntax.</summary>
public sealed class ExtensionManifestTests
{
    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "editor", file))).RootElement;

    [Fact]
    public void Package_maps_miro_files_to_the_grammar_scope()
    {
        JsonElement contributes = Read("package.json").GetProperty("contributes");
        JsonElement language = contributes.GetProperty("languages")[0];
        JsonElement grammar = contributes.GetProperty("grammars")[0];

        Assert.Equal(".miro", language.GetProperty("extensions")[0].GetString());
        Assert.Equal("./language-configuration.json", language.GetProperty("configuration").GetString());
        Assert.Equal(language.GetProperty("id").GetString(), grammar.GetProperty("language").GetString());
        Assert.Equal(MiroGrammar.ScopeName, grammar.GetProperty("scopeName").GetString());
        Assert.Equal("./syntaxes/miro.tmLanguage.json", grammar.GetProperty("path").GetString());
        Assert.Equal(MiroGrammar.ScopeName, Read("miro.tmLanguage.json").GetProperty("scopeName").GetString());
    }

    [Fact]
    public void Language_configuration_has_the_comment_and_bracket_syntax_of_the_lexer()
    {
        JsonElement config = Read("language-configuration.json");
        JsonElement comments = config.GetProperty("comments");
        Assert.Equal("//", comments.GetProperty("lineComment").GetString());
        Assert.Equal("/*", comments.GetProperty("blockComment")[0].GetString());
        Assert.Equal("*/", comments.GetProperty("blockComment")[1].GetString());

        // The lexer skips exactly these as trivia: a comment toggled by the editor must stay a comment.
        string line = "// x", block = "/* x */";
        Assert.Equal(line.Length, Miro.Dsl.Syntax.Lexical.SkipTrivia(line, 0));
        Assert.Equal(block.Length, Miro.Dsl.Syntax.Lexical.SkipTrivia(block, 0));

        var brackets = config.GetProperty("brackets");
        Assert.Equal(3, brackets.GetArrayLength());
        Assert.True(config.TryGetProperty("folding", out _));
    }
}

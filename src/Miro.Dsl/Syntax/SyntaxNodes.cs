using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Text;

namespace Miro.Dsl.Syntax;

// The syntax tree. The grammar (MiroGrammar) is specific per setting, but the tree is uniform:
// a file is policies; a policy body is settings; a section is a setting with a block. Every node
// carries its span so the binder can point at the exact text it complains about.

/// <summary>Any node of the tree.</summary>
internal abstract record SyntaxNode(TextSpan Span);

/// <summary>A value a setting, clause or argument carries.</summary>
internal abstract record ValueSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A word: an identifier, a keyword, or a keyword phrase such as <c>accuracy per joule</c>.</summary>
internal sealed record WordSyntax(string Text, TextSpan Span) : ValueSyntax(Span);

/// <summary>A number as written.</summary>
internal sealed record NumberSyntax(double Value, string Text, TextSpan Span) : SyntaxNode(Span);

/// <summary>A number with an optional unit: <c>4 GiB</c>, <c>25%</c>, <c>768 samples</c>, <c>16</c>.</summary>
internal sealed record QuantitySyntax(NumberSyntax Number, WordSyntax? Unit, TextSpan Span) : ValueSyntax(Span);

/// <summary>A double-quoted string.</summary>
internal sealed record StringSyntax(string Value, TextSpan Span) : ValueSyntax(Span);

/// <summary>A dotted name: <c>episodic.capacity</c>, <c>Contoso.Edge</c>.</summary>
internal sealed record PathSyntax(IReadOnlyList<WordSyntax> Parts, TextSpan Span) : ValueSyntax(Span)
{
    public string Text
    {
        get
        {
            var parts = new string[Parts.Count];
            for (var i = 0; i < parts.Length; i++) parts[i] = Parts[i].Text;
            return string.Join(".", parts);
        }
    }
}

/// <summary>A list: <c>[100, 100]</c>.</summary>
internal sealed record ListSyntax(IReadOnlyList<QuantitySyntax> Items, TextSpan Span) : ValueSyntax(Span);

/// <summary>A set of candidate values: <c>{200, 300, 400}</c>.</summary>
internal sealed record SetSyntax(IReadOnlyList<QuantitySyntax> Items, TextSpan Span) : ValueSyntax(Span);

/// <summary>A range of candidate values: <c>[192 .. 768 step 192]</c>.</summary>
internal sealed record RangeSyntax(QuantitySyntax From, QuantitySyntax To, QuantitySyntax? Step, TextSpan Span) : ValueSyntax(Span);

/// <summary>A named argument: <c>lr: 0.01</c>, <c>hidden: [100, 100]</c>.</summary>
internal sealed record ArgumentSyntax(WordSyntax Name, ValueSyntax Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A name with arguments: <c>mlp(hidden: [100, 100])</c>, <c>sgd(lr: 0.01)</c>.</summary>
internal sealed record CallSyntax(WordSyntax Name, IReadOnlyList<ArgumentSyntax> Arguments, TextSpan Span) : ValueSyntax(Span);

/// <summary>A resource condition: <c>dram.available &lt; 1 GiB</c>.</summary>
internal sealed record ConditionSyntax(PathSyntax Resource, WordSyntax Operator, QuantitySyntax Threshold, TextSpan Span) : ValueSyntax(Span);

/// <summary>An optional trailing part of a setting: <c>select balanced</c>, <c>every 1 epoch</c>, <c>on exceed warn</c>.</summary>
internal sealed record ClauseSyntax(WordSyntax Keyword, ValueSyntax? Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// A setting: a keyword, its values, optional clauses, and an optional block. Sections
/// (<c>device { ... }</c>) are settings with a block.
/// </summary>
internal sealed record SettingSyntax(
    WordSyntax Keyword,
    IReadOnlyList<ValueSyntax> Values,
    IReadOnlyList<ClauseSyntax> Clauses,
    BlockSyntax? Block,
    TextSpan Span) : SyntaxNode(Span)
{
    public string Name => Keyword.Text;

    public ClauseSyntax? Clause(string keyword)
    {
        foreach (var c in Clauses)
            if (c.Keyword.Text == keyword) return c;
        return null;
    }
}

/// <summary>A brace-delimited block of settings with the syntax errors recovered from inside it.</summary>
internal sealed record BlockSyntax(IReadOnlyList<SettingSyntax> Settings, IReadOnlyList<SyntaxError> Errors, TextSpan Span) : SyntaxNode(Span);

/// <summary>A <c>policy Name { ... }</c> block.</summary>
internal sealed record PolicySyntax(WordSyntax Keyword, WordSyntax Name, BlockSyntax Body, TextSpan Span) : SyntaxNode(Span);

/// <summary>A whole file.</summary>
internal sealed record FileSyntax(IReadOnlyList<PolicySyntax> Policies, IReadOnlyList<SyntaxError> Errors, TextSpan Span) : SyntaxNode(Span);

/// <summary>A syntax error found (and recovered from) while parsing.</summary>
internal sealed record SyntaxError(DiagnosticDescriptor Descriptor, string Message, TextSpan Span);

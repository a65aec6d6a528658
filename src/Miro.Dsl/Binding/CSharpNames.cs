using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>The generator turns a policy name into a C# class name and a namespace into a C#
/// namespace, so neither may be a C# reserved keyword (contextual keywords are fine).</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Reserved = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    };

    /// <summary>Reports MIRO2022 when <paramref name="name"/> is reserved; the suggestion is the
    /// name capitalised, which is never a keyword (C# keywords are lower-case).</summary>
    public static void Check(BindContext context, WordSyntax name, string what)
    {
        if (!Reserved.Contains(name.Text)) return;
        var suggestion = char.ToUpperInvariant(name.Text[0]) + name.Text.Substring(1);
        context.Report(DiagnosticDescriptors.ReservedName, name.Span, name.Text, what, suggestion);
    }
}

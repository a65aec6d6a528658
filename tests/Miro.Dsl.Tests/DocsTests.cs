using System;
using System.IO;
using Miro.Dsl.Diagnostics;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>The docs list what the language defines: every diagnostic ID with its severity, every keyword.</summary>
public sealed class DocsTests
{
    private static string ReadDoc(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", name);
            if (File.Exists(candidate)) return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException("docs/" + name + " not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Diagnostics_doc_has_a_section_for_every_id()
    {
        var doc = ReadDoc("diagnostics.md");
        foreach (var d in DiagnosticDescriptors.All)
        {
            var severity = d.Severity == MiroSeverity.Error ? "error" : "warning";
            Assert.Contains($"### {d.Id} — {d.Title} ({severity})", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Language_doc_lists_exactly_the_keywords()
    {
        var doc = ReadDoc("language.md");
        var start = doc.IndexOf("**Keywords**", StringComparison.Ordinal);
        var open = doc.IndexOf('`', start);
        var close = doc.IndexOf('`', open + 1);
        var listed = doc.Substring(open + 1, close - open - 1).Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);

        var documented = new System.Collections.Generic.SortedSet<string>(listed, StringComparer.Ordinal);
        var reserved = new System.Collections.Generic.SortedSet<string>(Miro.Dsl.Syntax.Keywords.Reserved, StringComparer.Ordinal);

        Assert.Equal(reserved, documented);
    }
}

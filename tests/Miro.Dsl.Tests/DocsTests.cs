using System;
using System.IO;
using Miro.Dsl.Diagnostics;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>docs/diagnostics.md documents every ID of the catalog, with its severity.</summary>
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
}

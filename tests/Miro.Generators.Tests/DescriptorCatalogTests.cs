using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Miro.Dsl.Diagnostics;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>The compiler descriptors are the language's catalog, with its titles, and every ID is release-tracked.</summary>
public sealed class DescriptorCatalogTests
{
    public static TheoryData<string> LanguageIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All) data.Add(descriptor.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(LanguageIds))]
    public void Each_language_diagnostic_has_a_compiler_descriptor_with_the_catalog_title_and_severity(string id)
    {
        var language = DiagnosticDescriptors.All.Single(d => d.Id == id);

        var compiler = GeneratorDiagnostics.Descriptor(id);

        Assert.Equal(language.Title, compiler.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(GeneratorDiagnostics.Severity(language.Severity), compiler.DefaultSeverity);
        Assert.Equal("Miro", compiler.Category);
    }

    [Fact]
    public void Every_reported_ID_is_listed_once_in_the_analyzer_release_files()
    {
        var dir = Path.Combine(RepoPaths.Root, "src", "Miro.Generators");
        var tracked = File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Unshipped.md")))
            .Where(line => line.StartsWith("MIRO", System.StringComparison.Ordinal))
            .Select(line => line.Split('|')[0].Trim())
            .ToList();

        var reported = GeneratorDiagnostics.All.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToList();

        Assert.Equal(reported, tracked.OrderBy(id => id, System.StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_spec_error_reaches_the_compiler_with_the_catalog_title()
    {
        var output = GeneratorHarness.Run(("bad.miro", "policy P { device { dram 4 W } }"));

        var diagnostic = Assert.Single(output.RunResult.Diagnostics, d => d.Id == "MIRO2003");
        Assert.Equal(DiagnosticDescriptors.UnitKindMismatch.Title, diagnostic.Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

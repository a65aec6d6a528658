using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>Spec errors surface as compiler diagnostics at the .miro file's exact line and column.</summary>
public sealed class GeneratorDiagnosticsTests
{
    [Theory]
    [InlineData("wrong-unit.miro", "MIRO2003", 9, 12, "unit 'W' is not a size")]
    [InlineData("unknown-setting.miro", "MIRO1001", 14, 14, "unexpected 'capacty'; expected 'capacity'")]
    public void A_broken_example_is_reported_at_its_file_line_and_column(string fileName, string id, int line, int column, string message)
    {
        var path = Path.Combine(RepoPaths.BrokenSpecs, fileName);

        var output = GeneratorHarness.Run((path, File.ReadAllText(path)));

        var diagnostic = Assert.Single(output.RunResult.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void The_reported_span_covers_the_offending_text()
    {
        var path = Path.Combine(RepoPaths.BrokenSpecs, "wrong-unit.miro");
        var text = File.ReadAllText(path);

        var diagnostic = GeneratorHarness.Run((path, text)).RunResult.Diagnostics.Single();

        Assert.Equal("W", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_file_with_errors_emits_no_policy_even_if_another_policy_in_it_is_valid()
    {
        var broken = File.ReadAllText(Path.Combine(RepoPaths.BrokenSpecs, "wrong-unit.miro"));

        var output = GeneratorHarness.Run(("/p/mixed.miro", SpecText.Valid("Fine") + "\n" + broken));

        Assert.Contains(output.RunResult.Diagnostics, d => d.Id == "MIRO2003");
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Two_files_that_generate_the_same_type_report_MIRO3003_instead_of_crashing()
    {
        var output = GeneratorHarness.Run(("/p/a.miro", SpecText.Valid("Same")), ("/p/b.miro", SpecText.Valid("Same")));

        var duplicate = Assert.Single(output.RunResult.Diagnostics);
        Assert.Equal("MIRO3003", duplicate.Id);
        Assert.Equal("Policy 'Same' generates 'Consumer.Policies.SamePolicy', which '/p/a.miro' also generates; rename one of the policies or give one a namespace", duplicate.GetMessage());
        Assert.Equal("/p/b.miro", duplicate.Location.GetLineSpan().Path);
        Assert.Equal(0, duplicate.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void A_root_namespace_that_is_not_valid_CSharp_reports_MIRO3002_at_the_policy()
    {
        var output = GeneratorHarness.Run("My-App", ("/p/bad.miro", SpecText.Valid("Bad")));

        var diagnostic = Assert.Single(output.RunResult.Diagnostics);
        Assert.Equal("MIRO3002", diagnostic.Id);
        Assert.Equal("Policy 'Bad' cannot be emitted: 'My-App.Policies' is not a valid C# namespace; each dot-separated part must be an identifier that is not a C# keyword", diagnostic.GetMessage());
        Assert.Equal((0, 0), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void An_unreadable_miro_file_reports_MIRO3004_naming_the_file()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class A { } }");

        var result = GeneratorHarness.CreateDriver([new UnreadableText("/p/gone.miro")]).RunGenerators(compilation).GetRunResult();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MIRO3004", diagnostic.Id);
        Assert.Equal("/p/gone.miro", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("'/p/gone.miro' could not be read", diagnostic.GetMessage());
    }

    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
    }

    [Fact]
    public void Policies_without_a_spec_namespace_go_to_the_root_namespace_dot_Policies()
    {
        var output = GeneratorHarness.Run(("/p/a.miro", SpecText.Valid("Alpha")));

        Assert.Equal(["Consumer.Policies.AlphaPolicy.g.cs"], output.Sources.Keys);
    }

    [Fact]
    public void Only_files_ending_in_miro_are_read()
    {
        var output = GeneratorHarness.Run(("/p/notes.txt", "policy {"), ("/p/a.MIRO", SpecText.Valid("Upper")));

        Assert.Empty(output.RunResult.Diagnostics);
        Assert.Equal(["Consumer.Policies.UpperPolicy.g.cs"], output.Sources.Keys);
    }
}

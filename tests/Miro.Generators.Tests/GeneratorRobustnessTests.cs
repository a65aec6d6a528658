using System.IO;
using System.Linq;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>The generator never fails the build: any text gives MIRO diagnostics or code that compiles.</summary>
public sealed class GeneratorRobustnessTests
{
    [Fact]
    public void Truncated_and_spliced_specs_give_MIRO_diagnostics_or_compiling_code_never_a_generator_failure()
    {
        var texts = Directory.GetFiles(Path.Combine(RepoPaths.Examples, "specs"), "*.miro").Select(File.ReadAllText).ToArray();
        var runs = 0;
        foreach (var text in texts)
        {
            for (var cut = 0; cut < text.Length; cut += 41)
            {
                // A prefix, and the text with a stretch cut out of its middle.
                foreach (var variant in new[] { text[..cut], text[..cut] + text[System.Math.Min(text.Length, cut + 40)..] })
                {
                    var output = GeneratorHarness.Run(("/p/mutated.miro", variant));
                    runs++;

                    Assert.All(output.RunResult.Diagnostics, d => Assert.StartsWith("MIRO", d.Id));
                    Assert.DoesNotContain(output.RunResult.Diagnostics, d => d.Id == "MIRO3001");
                    if (output.Sources.Count > 0)
                        Assert.DoesNotContain(output.Compilation.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
                }
            }
        }

        Assert.True(runs > 200, $"only {runs} variants");
    }
}

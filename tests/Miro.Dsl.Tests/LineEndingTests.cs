using System.Linq;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>LF, CRLF and CR versions of a file give the same line and column for every diagnostic.</summary>
public sealed class LineEndingTests
{
    private static readonly string Broken = string.Join("\n",
        "// a spec with an error on many lines",
        "policy Broken {",
        "  device {",
        "    dram 4 W",
        "    power { idle 2 W  active 6 W }",
        "    meter foo",
        "  }",
        "  memory {",
        "    stream capacity 768.5",
        "    episodic capacity 500",
        "    swap ratio 150%",
        "  }",
        "  train { epochs 0  bacth 3 }",
        "  tune {",
        "    episodic.capacity in {200,",
        "                          300}",
        "    foo.bar in {1, 2}",
        "  }",
        "  when dram.available < 1 GiB { tune episodic.capacity in {900} }",
        "  /* unterminated",
        "}");

    private static object[] Positions(string text) => MiroCompiler.Compile(text, "x.miro").Diagnostics
        .Select(d => (object)(d.Id, d.Span.Start.Line, d.Span.Start.Column, d.Span.End.Line, d.Span.End.Column)).ToArray();

    [Fact]
    public void Crlf_and_cr_files_report_the_same_lines_and_columns_as_lf()
    {
        var lf = Positions(Broken);

        Assert.True(lf.Length >= 10, "the sample should produce many diagnostics, got " + lf.Length);
        Assert.Equal(lf, Positions(Broken.Replace("\n", "\r\n", System.StringComparison.Ordinal)));
        Assert.Equal(lf, Positions(Broken.Replace("\n", "\r", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Crlf_example_specs_bind_to_the_same_policies()
    {
        foreach (var name in ExampleSpecs.Names)
        {
            var lf = ExampleSpecs.Read(name).Replace("\r\n", "\n", System.StringComparison.Ordinal);
            var crlf = lf.Replace("\n", "\r\n", System.StringComparison.Ordinal);
            Assert.Equal(MiroCompiler.Compile(lf, name).Policies, MiroCompiler.Compile(crlf, name).Policies);
        }
    }

    [Fact]
    public void Columns_count_from_the_last_line_break_of_any_kind()
    {
        var d = MiroCompiler.Compile("// x\r\n// y\r\n\r\npolicy P {\r  device { dram 4 W }\n}", "x.miro").Diagnostics.Single(x => x.Id == "MIRO2003");

        Assert.Equal((4, 18), (d.Span.Start.Line, d.Span.Start.Column));
    }
}

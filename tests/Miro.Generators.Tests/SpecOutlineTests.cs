using System.Linq;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>The line classifier behind the "From file(line)" quotes in generated docs.</summary>
public sealed class SpecOutlineTests
{
    [Fact]
    public void Lines_are_classified_by_policy_and_top_level_block()
    {
        const string text = """
            policy A {
              namespace X.Y
              device {
                dram 2 GiB
                power { idle 1 W  active 2 W }
              }
            }
            policy B
            {
              memory
              {
                episodic capacity 10 samples
              }
            }
            """;

        var outline = SpecOutline.Build(text);

        Assert.Equal(["policy", "namespace", "device", "device", "device"], outline["A"].Select(l => l.Block));
        Assert.Equal("dram 2 GiB", SpecOutline.Find(outline["A"], "device", "dram")!.Text);
        Assert.Equal(3, SpecOutline.Find(outline["A"], "device", "dram")!.Line);
        Assert.Equal(4, SpecOutline.Find(outline["A"], "device", "dram")!.StartColumn);
        Assert.Equal("episodic capacity 10 samples", SpecOutline.Find(outline["B"], "memory", "episodic")!.Text);
    }

    [Fact]
    public void Comments_and_strings_do_not_open_blocks_or_appear_in_quotes()
    {
        const string text = "// a { comment \"with quote\"\npolicy P { /* { */\n  memory {\n    storage capacity 1 GiB at \"dir{\" // }\n  }\n  train { epochs 1 }\n}\n";

        var lines = SpecOutline.Build(text)["P"];

        Assert.Equal("storage capacity 1 GiB at \"dir{\"", SpecOutline.Find(lines, "memory", "storage")!.Text);
        Assert.Equal("train { epochs 1 }", SpecOutline.Find(lines, "train", "epochs")!.Text);
    }

    [Fact]
    public void Find_returns_the_nth_occurrence_and_null_past_the_end()
    {
        const string text = "policy P {\n  budget {\n    energy 1 kJ per task\n    energy 2 kJ per run\n  }\n}";
        var lines = SpecOutline.Build(text)["P"];

        Assert.Equal("energy 2 kJ per run", SpecOutline.Find(lines, "budget", "energy", 1)!.Text);
        Assert.Null(SpecOutline.Find(lines, "budget", "energy", 2));
    }

    [Fact]
    public void Crlf_text_gives_the_same_lines_and_columns()
    {
        const string text = "policy P {\n  device {\n    dram 2 GiB\n  }\n}\n";

        var lf = SpecOutline.Build(text)["P"];
        var crlf = SpecOutline.Build(text.Replace("\n", "\r\n"))["P"];

        Assert.Equal(lf.Select(l => (l.Block, l.Line, l.StartColumn, l.Text)), crlf.Select(l => (l.Block, l.Line, l.StartColumn, l.Text)));
    }
}

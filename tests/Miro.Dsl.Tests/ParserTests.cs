using System.Linq;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;
using Xunit;

namespace Miro.Dsl.Tests;

public sealed class ParserTests
{
    private static FileSyntax Parse(string text)
    {
        var result = MiroGrammar.File(new SourceInput(text));
        Assert.True(result.WasSuccessful);
        return result.Value;
    }

    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void Every_node_carries_the_span_of_its_text()
    {
        var text = "policy P {\n  device { dram 4 GiB  storage emmc 16 GiB { read 3.6 nJ/B  write 6.3 nJ/B } }\n  tune { stream.capacity in [192 .. 768 step 192] }\n}";
        var file = Parse(text);
        var policy = Assert.Single(file.Policies);
        var device = policy.Body.Settings[0];
        var dram = device.Block!.Settings[0];
        var storage = device.Block.Settings[1];
        var tune = policy.Body.Settings[1].Block!.Settings[0];

        Assert.Equal(text, At(text, policy.Span));
        Assert.Equal("P", At(text, policy.Name.Span));
        Assert.StartsWith("device {", At(text, device.Span), System.StringComparison.Ordinal);
        Assert.Equal("dram 4 GiB", At(text, dram.Span));
        Assert.Equal("4 GiB", At(text, dram.Values[0].Span));
        Assert.Equal("GiB", At(text, ((QuantitySyntax)dram.Values[0]).Unit!.Span));
        Assert.Equal("storage emmc 16 GiB { read 3.6 nJ/B  write 6.3 nJ/B }", At(text, storage.Span));
        Assert.Equal("nJ/B", At(text, ((QuantitySyntax)storage.Block!.Settings[1].Values[0]).Unit!.Span));
        Assert.Equal("stream.capacity", At(text, tune.Values[0].Span));
        Assert.Equal("[192 .. 768 step 192]", At(text, tune.Values[1].Span));
        Assert.Equal("192", At(text, ((RangeSyntax)tune.Values[1]).Step!.Span));
    }

    [Fact]
    public void Comments_and_line_breaks_may_appear_between_any_two_tokens()
    {
        var text = """
            // leading comment
            policy /* name follows */ P {
              device {
                dram /* size */ 4 // unit next line
                  GiB
                power { idle 2 W active /* busy */ 6 W }
              }
              memory { stream capacity 768 episodic
                capacity 500 }
            }
            /* trailing */
            """;
        var spec = Assert.Single(MiroCompiler.Compile(text, "c.miro").Policies);

        Assert.Equal(4L << 30, spec.Device.DramBytes);
        Assert.Equal(6, spec.Device.Power.ActiveWatts);
    }

    [Fact]
    public void Clauses_may_come_in_any_order_and_epoch_may_be_singular_or_plural()
    {
        var text = DiagnosticCases.Policy("  profile { trial 2 epochs  warmup 1 epoch }\n  tune { train.epochs in {1, 2} }\n")
            .Replace("episodic capacity 500", "episodic capacity 500 storage capacity 1 GiB swap ratio 25% policy entropy every 3 epochs", System.StringComparison.Ordinal);
        var spec = Assert.Single(MiroCompiler.Compile(text, "c.miro").Policies);

        Assert.Equal(new SwapSpec(0.25, 3, SwapPolicy.Entropy), spec.Memory.Swap);
        Assert.Equal((2, 1), (spec.Profile!.TrialEpochs, spec.Profile.WarmupEpochs));
    }

    [Fact]
    public void Settings_on_one_line_are_separated_by_their_keywords()
    {
        var spec = Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy("  train { epochs 10 batch 32 threads 2 }\n"), "c.miro").Policies);

        Assert.Equal((10, 32, 2), (spec.Train.Epochs, spec.Train.Batch, spec.Train.Threads));
    }

    [Fact]
    public void A_missing_brace_does_not_swallow_the_next_policy()
    {
        var text = "policy A {\n  device { dram 4 GiB\n" + DiagnosticCases.Policy("").Replace("policy P", "policy B", System.StringComparison.Ordinal);
        var result = MiroCompiler.Compile(text, "r.miro");

        Assert.Equal("B", Assert.Single(result.Policies).Name);
        Assert.Contains(result.Diagnostics, d => d.Id == "MIRO1005" && d.Span.Start.Line == 0);
    }

    [Fact]
    public void Errors_in_several_sections_are_all_reported()
    {
        var text = """
            policy P {
              device { dram 4 GiB  power { idle 2 W  active 6 W }  meter = auto }
              memory { stream capacity 768  episodic capacity 500  swap ratio }
              train { epochs 1 + 1 }
              profile { keep 40% }
            }
            """;
        var errors = MiroCompiler.Compile(text, "r.miro").Diagnostics.Where(d => d.Id.StartsWith("MIRO1", System.StringComparison.Ordinal)).ToList();

        Assert.Equal(new[] { 1, 2, 3, 4 }, errors.Select(e => e.Span.Start.Line));
    }

    [Fact]
    public void The_policy_clause_of_swap_is_not_mistaken_for_a_new_policy_during_recovery()
    {
        var text = DiagnosticCases.Policy("").Replace("episodic capacity 500",
            "episodic capacity 500  storage capacity 1 GiB  swap ratio 25% every two epochs policy random", System.StringComparison.Ordinal);

        var d = Assert.Single(MiroCompiler.Compile(text, "r.miro").Diagnostics);
        Assert.Equal("unexpected 'two'; expected a number of epochs such as 1", d.Message);
    }

    [Fact]
    public void A_broken_policy_does_not_prevent_the_next_one_from_binding()
    {
        var text = "policy A { device { dram } }\n" + DiagnosticCases.Policy("");
        var result = MiroCompiler.Compile(text, "r.miro");

        Assert.Equal("P", Assert.Single(result.Policies).Name);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Syntax_errors_suppress_follow_on_missing_setting_errors()
    {
        var result = MiroCompiler.Compile("policy P {\n  device { dram four GiB  power { idle 2 W  active 6 W } }\n" + "  memory { stream capacity 768  episodic capacity 500 }\n}", "r.miro");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("MIRO1001", d.Id);
        Assert.Equal("unexpected 'four'; expected a size such as 4 GiB", d.Message);
    }

    [Fact]
    public void Unit_like_words_become_units_but_other_words_start_the_next_setting()
    {
        var result = MiroCompiler.Compile(DiagnosticCases.Policy("  train { epochs 2 bacth 16 }\n"), "u.miro");

        Assert.Equal("MIRO1004", Assert.Single(result.Diagnostics).Id);
        Assert.Equal("MIRO2004", Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy("  train { epochs 2 EP }\n"), "u.miro").Diagnostics).Id);
    }

    [Fact]
    public void A_policy_named_with_a_csharp_keyword_is_rejected_and_contextual_keywords_are_allowed()
    {
        var reserved = MiroCompiler.Compile(DiagnosticCases.Policy("").Replace("policy P", "policy class", System.StringComparison.Ordinal), "k.miro");
        var contextual = MiroCompiler.Compile(DiagnosticCases.Policy("").Replace("policy P", "policy record", System.StringComparison.Ordinal), "k.miro");

        Assert.Equal("'class' is a C# keyword and cannot name the generated policy class; rename it, e.g. 'Class'", Assert.Single(reserved.Diagnostics).Message);
        Assert.Equal("record", Assert.Single(contextual.Policies).Name);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_whitespace()
    {
        var result = MiroCompiler.Compile("\uFEFF" + DiagnosticCases.Policy(""), "bom.miro");

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Policies);
    }

    [Fact]
    public void A_forgotten_closing_brace_costs_one_error_and_the_next_sections_still_parse()
    {
        var text = """
            policy P {
              device { dram 4 GiB  power { idle 2 W  active 6 W  meter model }
              memory { stream capacity 768  episodic capacity 500 }
              tune { episodic.capacity in {200, 300}
              profile { from task 3 }
            }
            """;
        var result = MiroCompiler.Compile(text, "u.miro");

        Assert.Equal(new[] { ("MIRO1005", 1, 29), ("MIRO1005", 3, 7) }, result.Diagnostics.Select(d => (d.Id, d.Span.Start.Line, d.Span.Start.Column)));
        var file = Parse(text);
        var sections = file.Policies[0].Body.Settings.Select(s => s.Name);
        Assert.Equal(new[] { "device", "memory", "tune", "profile" }, sections);
        Assert.Equal(new[] { "dram", "power", "meter" }, file.Policies[0].Body.Settings[0].Block!.Settings.Select(s => s.Name));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Dsl.Diagnostics;
using Xunit;

namespace Miro.Dsl.Tests;

public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Data), MemberType = typeof(DiagnosticCases))]
    public void Each_diagnostic_is_reported_once_at_its_exact_span(string id, string marked, string messagePart)
    {
        var input = MarkedText.Parse(marked);
        var result = MiroCompiler.Compile(input.Text, "case.miro");

        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        var diagnostic = Assert.Single(matching);
        Assert.Equal((input.Line, input.Column, input.Length), (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column, diagnostic.Span.Length));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticDescriptors.All.Single(d => d.Id == id).Severity, diagnostic.Severity);
        if (diagnostic.Severity == MiroSeverity.Error) Assert.Empty(result.Policies);
    }

    [Fact]
    public void Every_catalog_entry_has_a_triggering_case()
    {
        var covered = DiagnosticCases.All.Select(c => c.Id).ToHashSet();
        covered.Add(DiagnosticDescriptors.InternalError.Id); // see Internal_errors_become_a_diagnostic_instead_of_an_exception
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i), covered.OrderBy(i => i));
    }

    [Fact]
    public void Catalog_ids_are_unique_well_formed_and_in_order()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^MIRO[12][0-9]{3}$", id));
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Internal_errors_become_a_diagnostic_instead_of_an_exception()
    {
        var result = MiroCompiler.Compile("policy P {}", "x.miro", (_, _) => throw new InvalidOperationException("boom"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MIRO1999", diagnostic.Id);
        Assert.Contains("boom", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(result.Policies);
    }

    [Fact]
    public void A_valid_minimal_policy_has_no_diagnostics()
    {
        var result = MiroCompiler.Compile(DiagnosticCases.Policy(""), "ok.miro");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("P", Assert.Single(result.Policies).Name);
    }

    [Fact]
    public void Diagnostics_format_like_the_compiler_with_one_based_positions()
    {
        var input = MarkedText.Parse(DiagnosticCases.All.Single(c => c.Id == "MIRO2003").Marked);
        var diagnostic = MiroCompiler.Compile(input.Text, "specs/bad.miro").Diagnostics.Single();

        Assert.Equal("specs/bad.miro(2,19): error MIRO2003: unit 'W' is not a size; use B, KB, MB, GB, KiB, MiB or GiB", diagnostic.ToString());
    }

    [Fact]
    public void Warnings_do_not_stop_the_policy_from_binding()
    {
        var input = MarkedText.Parse(DiagnosticCases.All.Single(c => c.Id == "MIRO2020").Marked);
        var result = MiroCompiler.Compile(input.Text, "warn.miro");

        Assert.Equal(MiroSeverity.Warning, Assert.Single(result.Diagnostics).Severity);
        Assert.False(result.HasErrors);
        Assert.Single(result.Policies);
    }

    [Theory]
    [InlineData("  tune { episodic.capacity in [100, 200] }\n", "MIRO2009", "'[100, 200]' is not a valid value for episodic.capacity; use a set such as {200, 300} or a range such as [200 .. 800 step 100]")]
    [InlineData("  profile { sample 5 }\n  tune { episodic.capacity in {1, 2} }\n", "MIRO2005", "profile sample needs a unit; write e.g. 5%")]
    [InlineData("  data { sample 3136 }\n", "MIRO2005", "sample needs a unit; write e.g. 3136 B (B, KB, MB, GB, KiB, MiB or GiB)")]
    [InlineData("  budget { energy 5 W }\n", "MIRO2003", "unit 'W' is not an energy; use mJ, J, kJ, mWh or Wh")]
    [InlineData("  tune { stream.capacity in [1 .. 5000 step 1] }\n", "MIRO2014", "the range has 5000 values, more than the 1000 allowed; write a range as [from .. to step s] with from <= to and s > 0")]
    [InlineData("  tune { stream.capacity in [100 .. 200 step 0] }\n", "MIRO2006", "stream.capacity step is 0; it must be at least 1")]
    public void Messages_quote_the_input_and_name_the_fix(string body, string id, string message)
    {
        var d = Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy(body), "m.miro").Diagnostics);

        Assert.Equal((id, message), (d.Id, d.Message));
    }

    [Theory]
    [InlineData("  device { drm 4 GiB  power { idle 2 W  active 6 W } }\n", "'drm' is not allowed in the device section (did you mean 'dram'?); expected")]
    [InlineData("  device { dram 4 GiB  power { idle 2 W  active 6 W }  meter auot }\n", "unknown meter 'auot' (did you mean 'auto'?); use auto")]
    [InlineData("  train { learner online_re }\n", "unknown learner 'online_re' (did you mean 'online_er'?); use er or online_er")]
    [InlineData("  tune { episodic.capcity in {1, 2} }\n", "'episodic.capcity' is not a tunable parameter (did you mean 'episodic.capacity'?); use")]
    [InlineData("  device { dram 4 GiB  power { idle 2 W  active 6 W }  meter foo }\n", "unknown meter 'foo'; use auto")]
    public void Near_misses_get_a_did_you_mean_hint_and_far_misses_do_not(string body, string messageStart)
    {
        var text = DiagnosticCases.Policy(body);
        if (body.Contains("device", StringComparison.Ordinal))
            text = text.Replace("  device { dram 4 GiB  power { idle 2 W  active 6 W } }\n", "", StringComparison.Ordinal);
        var d = MiroCompiler.Compile(text, "h.miro").Diagnostics.First(x => x.Id is "MIRO1004" or "MIRO2001" or "MIRO2008");

        Assert.StartsWith(messageStart, d.Message, StringComparison.Ordinal);
    }
}

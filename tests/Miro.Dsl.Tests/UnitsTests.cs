using System.Linq;
using Miro.Dsl.Binding;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("1", "B", 1)]
    [InlineData("1", "KB", 1000)]
    [InlineData("1", "MB", 1e6)]
    [InlineData("1", "GB", 1e9)]
    [InlineData("1", "KiB", 1024)]
    [InlineData("1", "MiB", 1048576)]
    [InlineData("1", "GiB", 1073741824)]
    [InlineData("1.5", "KiB", 1536)]
    [InlineData("250", "mJ", 0.25)]
    [InlineData("1", "J", 1)]
    [InlineData("40", "kJ", 40000)]
    [InlineData("1", "mWh", 3.6)]
    [InlineData("20", "Wh", 72000)]
    [InlineData("500", "mW", 0.5)]
    [InlineData("6.5", "W", 6.5)]
    [InlineData("3.6", "nJ/B", 3.6e-9)]
    [InlineData("250", "pJ/B", 2.5e-10)]
    [InlineData("20", "pJ/flop", 2e-11)]
    [InlineData("100", "ms", 0.1)]
    [InlineData("2", "s", 2)]
    [InlineData("2", "min", 120)]
    [InlineData("1", "h", 3600)]
    [InlineData("25", "%", 0.25)]
    [InlineData("7", "%", 0.07)]
    [InlineData("768", "samples", 768)]
    [InlineData("1e3", "B", 1000)]
    [InlineData("2.5e-1", "kJ", 250)]
    public void Units_convert_to_SI_exactly_as_the_decimal_literal(string number, string unit, double expected)
    {
        Assert.True(Units.TryToSi(number, unit, out var si));
        Assert.Equal(expected, si);
    }

    [Theory]
    [InlineData("Gb")]
    [InlineData("gib")]
    [InlineData("V")]
    [InlineData("")]
    public void Unknown_units_do_not_convert(string unit) => Assert.False(Units.TryToSi("1", unit, out _));

    [Fact]
    public void Kilo_is_decimal_and_kibi_is_binary_in_a_bound_policy()
    {
        var spec = Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy("  data { sample 3 KB }\n"), "a.miro").Policies);
        var kibi = Assert.Single(MiroCompiler.Compile(DiagnosticCases.Policy("  data { sample 3 KiB }\n"), "b.miro").Policies);

        Assert.Equal(3000, spec.Data.SampleBytes);
        Assert.Equal(3072, kibi.Data.SampleBytes);
    }

    [Fact]
    public void Watt_hours_become_joules_and_percentages_fractions_in_a_bound_policy()
    {
        var spec = Assert.Single(MiroCompiler.Compile(
            DiagnosticCases.Policy("  budget { energy 500 mWh per task }\n  data { validation 15% }\n"), "a.miro").Policies);

        Assert.Equal(1800, spec.Budgets.Single().EnergyJoules);
        Assert.Equal(0.15, spec.Data.ValidationFraction);
    }

    [Theory]
    [InlineData("dram 4 GiB", 4L * 1024 * 1024 * 1024)]
    [InlineData("dram 4GiB", 4L * 1024 * 1024 * 1024)]
    [InlineData("dram 512 MB", 512_000_000)]
    [InlineData("dram 0.5 GiB", 512L * 1024 * 1024)]
    public void Sizes_round_trip_through_the_compiler(string dram, long bytes)
    {
        var text = DiagnosticCases.Policy("").Replace("dram 4 GiB", dram, System.StringComparison.Ordinal);
        var spec = Assert.Single(MiroCompiler.Compile(text, "a.miro").Policies);
        Assert.Equal(bytes, spec.Device.DramBytes);
    }

    [Fact]
    public void Tuned_swap_ratios_are_fractions_and_ranges_expand_inclusively()
    {
        var text = DiagnosticCases.Policy("").Replace("episodic capacity 500", "episodic capacity 500  storage capacity unbounded  swap ratio 10%", System.StringComparison.Ordinal)
            .Replace("}\n}\n", "}\n  tune { swap.ratio in [10% .. 30% step 10%]  stream.capacity in [192 .. 768 step 192] }\n}\n", System.StringComparison.Ordinal);
        var spec = Assert.Single(MiroCompiler.Compile(text, "a.miro").Policies);

        Assert.Equal(EquatableArray.Create(0.1, 0.2, 0.3), spec.Tunables[0].Values);
        Assert.Equal(EquatableArray.Create(192.0, 384, 576, 768), spec.Tunables[1].Values);
    }
}

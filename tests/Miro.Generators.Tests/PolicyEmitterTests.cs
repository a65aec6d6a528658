using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Generators.Emit;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>The emitter on hand-built specs: what it writes compiles cleanly and rebuilds the same spec.</summary>
public sealed class PolicyEmitterTests
{
    public static TheoryData<string> Samples => new() { nameof(SampleSpecs.JetsonNano), nameof(SampleSpecs.Minimal), nameof(SampleSpecs.Tricky) };

    private static PolicySpec Sample(string name) => name switch
    {
        nameof(SampleSpecs.JetsonNano) => SampleSpecs.JetsonNano(),
        nameof(SampleSpecs.Minimal) => SampleSpecs.Minimal(),
        _ => SampleSpecs.Tricky(),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Generated_code_compiles_without_any_warning_under_nullable_and_xml_doc_checks(string sample)
    {
        var spec = Sample(sample);
        var compilation = GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec, SampleSpecs.JetsonNanoText));

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Compile_check_would_catch_an_undocumented_public_member_and_a_nullable_warning()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { public static class C { public static string S = null; } }");

        var ids = compilation.GetDiagnostics().Select(d => d.Id).ToList();

        Assert.Contains("CS1591", ids);
        Assert.Contains("CS8625", ids);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Generated_spec_equals_the_spec_it_was_generated_from(string sample)
    {
        var spec = Sample(sample);
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec)));

        var rebuilt = compiled.Spec(EmitterHarness.FullName(spec));

        Assert.Equal(spec, rebuilt);
    }

    [Fact]
    public void Doubles_round_trip_bit_for_bit_through_generated_literals()
    {
        double[] values = [0.1, 0.1 + 0.2, 1.0 / 3, 3.6e-9, double.Epsilon, double.MaxValue, -0.0, 1e300, 4.0, 25e-2, double.NaN, double.NegativeInfinity, double.PositiveInfinity];
        var source = "namespace Consumer { public static class Literals { public static readonly double[] Values = new double[] { "
            + string.Join(", ", values.Select(CSharpLiterals.Double)) + " }; } }";
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(source));

        var parsed = (double[])compiled.Type("Consumer.Literals").GetField("Values")!.GetValue(null)!;

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), parsed.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Emitted_JetsonNano_policy_matches_its_snapshot() =>
        Snapshot.Match(EmitterHarness.Emit(SampleSpecs.JetsonNano(), SampleSpecs.JetsonNanoText), "Emitter.JetsonNano");

    [Fact]
    public void Configuration_has_one_typed_property_per_declared_tunable_in_declaration_order()
    {
        var spec = SampleSpecs.Tricky();
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec)));

        var configuration = compiled.Type(EmitterHarness.FullName(spec) + "+Configuration");
        var properties = configuration.GetConstructors().Single(c => c.GetParameters().Length > 0).GetParameters()
            .Select(p => (p.Name!, p.ParameterType)).ToArray();

        Assert.Equal(
            new[] { ("EpisodicCapacity", typeof(int)), ("StreamCapacity", typeof(int)), ("SwapRatio", typeof(double)), ("Epochs", typeof(int)), ("Batch", typeof(int)) },
            properties);
        Assert.True(configuration.IsValueType);
    }

    [Fact]
    public void Default_configuration_holds_the_spec_base_values()
    {
        var spec = SampleSpecs.JetsonNano();
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec)));

        var defaults = compiled.Type(EmitterHarness.FullName(spec)).GetProperty("Default")!.GetValue(null)!;

        Assert.Equal("Configuration { EpisodicCapacity = 500, StreamCapacity = 768 }", defaults.ToString());
    }

    [Fact]
    public void Candidates_are_the_cross_product_when_no_rule_applies()
    {
        var plenty = new ResourceState(DramAvailableBytes: 8L << 30, StorageFreeBytes: 1L << 40, BatteryLevel: null);

        var candidates = Candidates(SampleSpecs.JetsonNano(), plenty);

        Assert.Equal(7 * 4, candidates.Count);
        Assert.Equal("Configuration { EpisodicCapacity = 200, StreamCapacity = 192 }", candidates[0]);
        Assert.Equal("Configuration { EpisodicCapacity = 200, StreamCapacity = 384 }", candidates[1]);
        Assert.Equal("Configuration { EpisodicCapacity = 800, StreamCapacity = 768 }", candidates[^1]);
    }

    [Fact]
    public void Candidates_are_narrowed_by_the_when_rule_that_applies()
    {
        var scarce = new ResourceState(DramAvailableBytes: 512L << 20, StorageFreeBytes: 1L << 40, BatteryLevel: null);

        var candidates = Candidates(SampleSpecs.JetsonNano(), scarce);

        Assert.Equal(3 * 4, candidates.Count);
        Assert.All(candidates, c => Assert.Matches(@"EpisodicCapacity = (200|300|400),", c));
    }

    [Fact]
    public void Typed_constants_carry_device_budget_and_profile_values_in_SI_units()
    {
        var spec = SampleSpecs.JetsonNano();
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec)));
        var policy = compiled.Type(EmitterHarness.FullName(spec));

        object? Constant(string nested, string name) =>
            policy.GetNestedType(nested)!.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue();

        Assert.Equal(4L << 30, Constant("Device", "DramBytes"));
        Assert.Equal(3.6e-9, Constant("Device", "StorageReadJoulesPerByte"));
        Assert.Equal(6.5, Constant("Device", "ActiveWatts"));
        Assert.Equal(40_000.0, Constant("Budget", "PerTaskEnergyJoules"));
        Assert.Equal(0.05, Constant("Profile", "SampleFraction"));
        Assert.Equal(2, Constant("Profile", "FromTask"));
    }

    [Fact]
    public void Xml_docs_quote_the_spec_line_each_value_came_from()
    {
        var source = EmitterHarness.Emit(SampleSpecs.JetsonNano(), SampleSpecs.JetsonNanoText);

        Assert.Contains("/// <remarks>From sample.miro(3): <c>dram 4 GiB</c></remarks>", source);
        Assert.Contains("/// <remarks>From sample.miro(19): <c>energy 40 kJ per task on exceed degrade</c></remarks>", source);
        Assert.Contains("From sample.miro(22): <c>episodic.capacity in {200, 300, 400, 500, 600, 700, 800}</c>", source);
        Assert.Contains("/// <remarks>From sample.miro(5): <c>power { idle 1.9 W  active 6.5 W }</c></remarks>", source);
        Assert.Contains("/// <remarks>From sample.miro(30): <c>when dram.available &lt; 1 GiB</c></remarks>", source);
    }

    [Fact]
    public void Policies_go_to_the_root_namespace_dot_Policies_unless_the_spec_names_one()
    {
        Assert.Equal("MyApp.Policies", PolicyEmitter.NamespaceOf(SampleSpecs.JetsonNano(), "MyApp"));
        Assert.Equal("Policies", PolicyEmitter.NamespaceOf(SampleSpecs.JetsonNano(), ""));
        Assert.Equal("Acme.Edge", PolicyEmitter.NamespaceOf(SampleSpecs.Minimal(), "MyApp"));
    }

    [Fact]
    public void Validation_rejects_a_fractional_value_for_an_integer_tunable()
    {
        var spec = SampleSpecs.JetsonNano() with
        {
            Tunables = EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.5))),
            Rules = EquatableArray<WhenRuleSpec>.Empty,
        };

        Assert.Equal("episodic.capacity value 200.5 is not a whole number; use integer values", PolicyEmitter.Validate(spec, "A.Policies"));
    }

    [Fact]
    public void Validation_rejects_a_rule_that_narrows_an_undeclared_tunable()
    {
        var spec = SampleSpecs.JetsonNano() with { Tunables = EquatableArray<TunableSpec>.Empty };

        Assert.Contains("narrows episodic.capacity, which the tune block does not declare", PolicyEmitter.Validate(spec, "A.Policies"));
    }

    [Fact]
    public void Validation_rejects_a_namespace_that_is_not_valid_CSharp()
    {
        Assert.Contains("is not a valid C# namespace", PolicyEmitter.Validate(SampleSpecs.JetsonNano(), "My-App.Policies"));
        Assert.Contains("is not a valid C# namespace", PolicyEmitter.Validate(SampleSpecs.JetsonNano(), "class.Policies"));
        Assert.Null(PolicyEmitter.Validate(SampleSpecs.JetsonNano(), "My_App.Policies"));
    }

    private static List<string> Candidates(PolicySpec spec, ResourceState state)
    {
        using var compiled = CompiledPolicies.Load(GeneratorHarness.CreateCompilation(EmitterHarness.Emit(spec)));
        var set = compiled.Type(EmitterHarness.FullName(spec)).GetMethod("Candidates")!.Invoke(null, [state])!;
        return ((IEnumerable)set).Cast<object>().Select(c => c.ToString()!).ToList();
    }
}

using System;
using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Resources;

/// <summary>Applies a spec's <c>when</c> rules to the resources the device has right now.</summary>
public static class WhenRules
{
    /// <summary>The rules whose condition holds for <paramref name="resources"/>, in declaration order.</summary>
    public static IReadOnlyList<WhenRuleSpec> Active(EquatableArray<WhenRuleSpec> rules, ResourceSnapshot resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var active = new List<WhenRuleSpec>();
        foreach (var rule in rules)
            if (resources.Satisfies(rule.Condition)) active.Add(rule);
        return active;
    }

    /// <summary>
    /// The spec's tunables narrowed by the active rules: each declared value survives only if every
    /// active rule that names the parameter lists it. Declared order is kept.
    /// </summary>
    public static IReadOnlyList<TunableSpec> Narrow(PolicySpec spec, ResourceSnapshot resources)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var active = Active(spec.Rules, resources);
        var narrowed = new List<TunableSpec>(spec.Tunables.Count);
        foreach (var tunable in spec.Tunables)
        {
            var values = new List<double>();
            foreach (var value in tunable.Values)
                if (AllowedByAll(active, tunable.Parameter, value)) values.Add(value);
            narrowed.Add(new TunableSpec(tunable.Parameter, values.ToEquatableArray()));
        }

        return narrowed;
    }

    private static bool AllowedByAll(IReadOnlyList<WhenRuleSpec> rules, TunableParameter parameter, double value)
    {
        foreach (var rule in rules)
        foreach (var t in rule.Tunables)
            if (t.Parameter == parameter && !Contains(t.Values, value)) return false;
        return true;
    }

    private static bool Contains(EquatableArray<double> values, double value)
    {
        foreach (var v in values)
            if (v.Equals(value)) return true;
        return false;
    }
}

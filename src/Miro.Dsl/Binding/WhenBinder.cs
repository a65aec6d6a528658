using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>when resource op threshold { tune path in values ... }</c>; each rule may only narrow declared tunables.</summary>
internal static class WhenBinder
{
    public static WhenRuleSpec? Bind(BindContext context, SettingSyntax rule, IReadOnlyList<BoundTunable> declared)
    {
        var condition = BindCondition(context, rule.Condition());
        var narrowed = new List<BoundTunable>();
        var ok = condition is not null;
        foreach (var entry in rule.Block?.Settings ?? new List<SettingSyntax>())
        {
            var bound = TuneBinder.BindEntry(context, entry, narrowed, "this when rule");
            if (bound is null)
            {
                ok = false;
                continue;
            }
            narrowed.Add(bound);
            ok &= Narrows(context, bound, declared);
        }
        if (!ok) return null;
        var specs = new TunableSpec[narrowed.Count];
        for (var i = 0; i < specs.Length; i++) specs[i] = narrowed[i].ToSpec();
        return new WhenRuleSpec(condition!, new EquatableArray<TunableSpec>(specs));
    }

    private static bool Narrows(BindContext context, BoundTunable rule, IReadOnlyList<BoundTunable> declared)
    {
        BoundTunable? match = null;
        foreach (var d in declared)
            if (d.Parameter == rule.Parameter) match = d;
        var path = rule.Setting.Path();
        if (match is null)
        {
            context.Report(DiagnosticDescriptors.WhenWidens, path.Span, rule.Path + " is not declared in the tune block", "(declare it in tune first)");
            return false;
        }
        var ok = true;
        var declaredValues = new HashSet<double>();
        foreach (var (candidate, _) in match.Values) declaredValues.Add(candidate);
        foreach (var (value, span) in rule.Values)
        {
            if (declaredValues.Contains(value)) continue;
            var text = rule.Parameter == TunableParameter.SwapRatio ? BindContext.Text(value * 100) + "%" : BindContext.Text(value);
            context.Report(DiagnosticDescriptors.WhenWidens, span, rule.Path + " " + text + " is not one of its declared candidates", match.SetText());
            ok = false;
        }
        return ok;
    }

    private static ResourceCondition? BindCondition(BindContext context, ConditionSyntax condition)
    {
        var resourceWord = new WordSyntax(condition.Resource.Text, condition.Resource.Span);
        var resource = context.Choose(resourceWord, "resource",
            ("dram.available", ResourceKind.DramAvailable), ("storage.free", ResourceKind.StorageFree), ("battery.level", ResourceKind.BatteryLevel));
        var comparison = condition.Operator.Text switch
        {
            "<" => Comparison.Less,
            "<=" => Comparison.LessOrEqual,
            ">" => Comparison.Greater,
            _ => Comparison.GreaterOrEqual,
        };
        if (resource is null) return null;
        double? threshold;
        if (resource == ResourceKind.BatteryLevel)
        {
            threshold = context.Fraction(condition.Threshold, "battery.level", allowZero: true);
        }
        else
        {
            threshold = context.Quantity(condition.Threshold, QuantityKind.Size, condition.Resource.Text);
            if (threshold < 0)
            {
                context.Report(DiagnosticDescriptors.OutOfRange, condition.Threshold.Span, condition.Resource.Text + " threshold", BindContext.Text(condition.Threshold), "at least 0 B");
                threshold = null;
            }
        }
        return threshold is null ? null : new ResourceCondition(resource.Value, comparison, threshold.Value);
    }
}

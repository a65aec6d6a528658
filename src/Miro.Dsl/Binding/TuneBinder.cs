using System;
using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>A bound tunable with the span of each candidate value, for later cross-checks.</summary>
internal sealed record BoundTunable(TunableParameter Parameter, string Path, SettingSyntax Setting, IReadOnlyList<(double Value, TextSpan Span)> Values)
{
    public TunableSpec ToSpec()
    {
        var values = new double[Values.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Values[i].Value;
        return new TunableSpec(Parameter, new EquatableArray<double>(values));
    }

    public string SetText()
    {
        var parts = new string[Values.Count];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = Parameter == TunableParameter.SwapRatio ? BindContext.Text(Values[i].Value * 100) + "%" : BindContext.Text(Values[i].Value);
        return "{" + string.Join(", ", parts) + "}";
    }
}

/// <summary>Binds the candidate values of <c>tune</c> entries (sets and ranges), in the parameter's unit.</summary>
internal static class TuneBinder
{
    /// <summary>A range may expand to at most this many values (a typo such as step 1 instead of 100 would otherwise explode the candidate set).</summary>
    public const int MaxRangeValues = 1000;

    private static readonly string[] Paths = TunablePaths.All;

    public static bool TryParameter(string path, out TunableParameter parameter)
    {
        switch (path)
        {
            case "episodic.capacity": parameter = TunableParameter.EpisodicCapacity; return true;
            case "stream.capacity": parameter = TunableParameter.StreamCapacity; return true;
            case "swap.ratio": parameter = TunableParameter.SwapRatio; return true;
            case "train.epochs": parameter = TunableParameter.Epochs; return true;
            case "train.batch": parameter = TunableParameter.Batch; return true;
            default: parameter = default; return false;
        }
    }

    /// <summary>Binds the tune section's entries; unknown paths and repeats are reported and skipped.</summary>
    public static List<BoundTunable> Bind(BindContext context, SettingSyntax? section)
    {
        var result = new List<BoundTunable>();
        if (section?.Block is null) return result;
        foreach (var setting in section.Block.Settings)
            if (BindEntry(context, setting, result, "the tune section") is { } bound) result.Add(bound);
        return result;
    }

    /// <summary>Binds one <c>path in values</c> entry .</summary>
    public static BoundTunable? BindEntry(BindContext context, SettingSyntax setting, List<BoundTunable> earlier, string where)
    {
        var path = setting.Path();
        if (!TryParameter(path.Text, out var parameter))
        {
            context.Report(DiagnosticDescriptors.UnknownTunable, path.Span, path.Text, Suggestions.DidYouMean(path.Text, Paths));
            return null;
        }
        foreach (var e in earlier)
            if (e.Parameter == parameter)
            {
                context.Report(DiagnosticDescriptors.Duplicate, path.Span, "'" + path.Text + "' in " + where, context.LineOf(e.Setting.Span));
                return null;
            }
        var values = Candidates(context, setting.Candidates(), parameter, path.Text);
        return values is null ? null : new BoundTunable(parameter, path.Text, setting, values);
    }

    private static string Expected(TunableParameter parameter) => parameter switch
    {
        TunableParameter.SwapRatio => "a percentage such as 25%",
        TunableParameter.Epochs => "a whole number of epochs such as 2",
        TunableParameter.Batch => "a whole batch size such as 16",
        _ => "a whole number of samples such as 500",
    };

    private static List<(double, TextSpan)>? Candidates(BindContext context, ValueSyntax syntax, TunableParameter parameter, string path)
    {
        var values = new List<(double, TextSpan)>();
        switch (syntax)
        {
            case SetSyntax set:
                var seen = new HashSet<double>();
                foreach (var item in set.Items)
                {
                    var value = Value(context, item, parameter, path);
                    if (value is null) return null;
                    if (!seen.Add(value.Value))
                    {
                        context.Report(DiagnosticDescriptors.Duplicate, item.Span, "value " + BindContext.Text(item) + " of " + path, context.LineOf(set.Span));
                        return null;
                    }
                    values.Add((value.Value, item.Span));
                }
                return values;
            case RangeSyntax range:
                return Range(context, range, parameter, path);
            default:
                context.Report(DiagnosticDescriptors.TuneValueKind, syntax.Span, context.SourceText(syntax.Span), path,
                    "a set such as {200, 300} or a range such as [200 .. 800 step 100]");
                return null;
        }
    }

    private static List<(double, TextSpan)>? Range(BindContext context, RangeSyntax range, TunableParameter parameter, string path)
    {
        var start = Value(context, range.From, parameter, path);
        var end = Value(context, range.To, parameter, path);
        var step = range.Step is null ? (parameter == TunableParameter.SwapRatio ? 0.01 : 1) : Value(context, range.Step, parameter, path + " step");
        if (start is null || end is null || step is null) return null;
        if (start > end)
        {
            context.Report(DiagnosticDescriptors.InvalidRange, range.Span, "the range starts at " + BindContext.Text(range.From) + ", above its end " + BindContext.Text(range.To));
            return null;
        }
        var count = Math.Floor((end.Value - start.Value) / step.Value + 1e-9) + 1;
        if (count > MaxRangeValues)
        {
            context.Report(DiagnosticDescriptors.InvalidRange, range.Span, "the range has " + BindContext.Text(count) + " values, more than the " + MaxRangeValues + " allowed");
            return null;
        }
        var values = new List<(double, TextSpan)>();
        for (var k = 0; k < (int)count; k++) values.Add((Math.Round(start.Value + k * step.Value, 9), range.Span));
        return values;
    }

    /// <summary>One candidate in the parameter's unit: a whole count, or a percentage as a fraction.</summary>
    private static double? Value(BindContext context, QuantitySyntax q, TunableParameter parameter, string path)
    {
        var isRatio = parameter == TunableParameter.SwapRatio;
        var unitOk = isRatio ? q.Unit?.Text == "%" : q.Unit is null || q.Unit.Text == "samples";
        if (!unitOk)
        {
            context.Report(DiagnosticDescriptors.TuneValueKind, q.Span, BindContext.Text(q), path, Expected(parameter));
            return null;
        }
        return isRatio ? context.Fraction(q, path) : context.Count(q, path, 1);
    }
}

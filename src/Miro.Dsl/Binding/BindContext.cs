using System;
using System.Collections.Generic;
using System.Globalization;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>
/// What every section binder shares: the diagnostics sink and the checked conversions of syntax
/// values (quantities with units, whole numbers, percentages, names from a fixed set). Each
/// conversion reports its own problem at the exact span and returns null, so binders can keep
/// going and report every problem in one pass.
/// </summary>
internal sealed class BindContext
{
    private readonly LineMap _lines;
    private readonly string _source;
    private readonly List<(DiagnosticDescriptor Descriptor, string Message, TextSpan Span)> _diagnostics = new();

    public BindContext(string source, LineMap lines)
    {
        _source = source;
        _lines = lines;
    }

    /// <summary>The source text of a span, shortened for messages.</summary>
    public string SourceText(TextSpan span)
    {
        var text = _source.Substring(span.Start, span.Length);
        return text.Length <= 40 ? text : text.Substring(0, 40) + "...";
    }

    /// <summary>1-based line of an offset, for messages that point at an earlier declaration.</summary>
    public int LineOf(TextSpan span) => _lines.Position(span.Start).Line + 1;

    public IReadOnlyList<(DiagnosticDescriptor Descriptor, string Message, TextSpan Span)> Diagnostics => _diagnostics;

    public int ErrorCount { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object[] args)
    {
        _diagnostics.Add((descriptor, descriptor.Format(args), span));
        if (descriptor.Severity == MiroSeverity.Error) ErrorCount++;
    }

    /// <summary>Set while binding a policy that has syntax errors: a setting that failed to parse
    /// would otherwise also be reported as missing.</summary>
    public bool PolicyHasSyntaxErrors { get; set; }

    /// <summary>Reports a missing required setting (MIRO2007), unless the policy has syntax errors.</summary>
    public void ReportMissing(TextSpan span, string where, string what, string example)
    {
        if (!PolicyHasSyntaxErrors) Report(DiagnosticDescriptors.MissingRequired, span, where, what, example);
    }

    public static string Text(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Text(QuantitySyntax q) => q.Unit is null ? q.Number.Text : q.Unit.Text == "%" ? q.Number.Text + "%" : q.Number.Text + " " + q.Unit.Text;

    /// <summary>Converts <paramref name="q"/> to SI, checking that its unit measures <paramref name="kind"/>;
    /// <paramref name="what"/> names the setting in messages ("dram").</summary>
    public double? Quantity(QuantitySyntax q, QuantityKind kind, string what)
    {
        double value;
        if (q.Unit is null)
        {
            if (kind != QuantityKind.Count)
            {
                var others = kind == QuantityKind.Percentage ? "" : " (" + Units.List(kind) + ")";
                // A large bare size is most likely bytes (sample 3136); a small one most likely GiB (dram 4).
                var unitHint = kind == QuantityKind.Size && q.Number.Value >= 1000 ? "B" : Units.ExampleUnit(kind);
                Report(DiagnosticDescriptors.MissingUnit, q.Span, what, q.Number.Text + Spacer(kind) + unitHint, others);
                return null;
            }
            value = q.Number.Value;
        }
        else if (!Units.TryGet(q.Unit.Text, out var unit))
        {
            var match = Units.CaseInsensitiveMatch(q.Unit.Text);
            var hint = match is null ? "" : " (did you mean '" + match + "'?)";
            Report(DiagnosticDescriptors.UnknownUnit, q.Unit.Span, q.Unit.Text, hint, what, Units.List(kind));
            return null;
        }
        else if (unit.Kind != kind)
        {
            Report(DiagnosticDescriptors.UnitKindMismatch, q.Unit.Span, q.Unit.Text, Units.Describe(kind), Units.List(kind));
            return null;
        }
        else
        {
            Units.TryToSi(q.Number.Text, unit, out value);
        }
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            Report(DiagnosticDescriptors.OutOfRange, q.Span, what, Text(q), "a finite number");
            return null;
        }
        return value;
    }

    private static string Spacer(QuantityKind kind) => kind == QuantityKind.Percentage ? "" : " ";

    /// <summary>A whole number of at least <paramref name="min"/> (a count: no unit or <c>samples</c>).</summary>
    public int? Count(QuantitySyntax q, string what, int min, int max = int.MaxValue)
    {
        var value = Quantity(q, QuantityKind.Count, what);
        if (value is null) return null;
        return WholeInRange(q, value.Value, what, min, max);
    }

    private int? WholeInRange(QuantitySyntax q, double value, string what, int min, int max)
    {
        if (value != Math.Floor(value))
        {
            Report(DiagnosticDescriptors.NotWholeNumber, q.Span, what, Text(q), Text(Math.Max(min, Math.Round(value))));
            return null;
        }
        if (value < min || value > max)
        {
            var bound = max == int.MaxValue ? "at least " + min.ToString(CultureInfo.InvariantCulture) : "between " + min.ToString(CultureInfo.InvariantCulture) + " and " + max.ToString(CultureInfo.InvariantCulture);
            Report(DiagnosticDescriptors.OutOfRange, q.Span, what, Text(q), bound);
            return null;
        }
        return (int)value;
    }

    /// <summary>A positive size in whole bytes.</summary>
    public long? Bytes(QuantitySyntax q, string what)
    {
        var value = Quantity(q, QuantityKind.Size, what);
        if (value is null) return null;
        var bytes = Math.Round(value.Value);
        if (bytes < 1 || bytes > 9e18)
        {
            Report(DiagnosticDescriptors.OutOfRange, q.Span, what, Text(q), "a positive size of at most 8 EB");
            return null;
        }
        return (long)bytes;
    }

    /// <summary>A positive quantity of <paramref name="kind"/>, in SI.</summary>
    public double? Positive(QuantitySyntax q, QuantityKind kind, string what)
    {
        var value = Quantity(q, kind, what);
        if (value is null) return null;
        if (value.Value <= 0)
        {
            Report(DiagnosticDescriptors.OutOfRange, q.Span, what, Text(q), "greater than zero");
            return null;
        }
        return value;
    }

    /// <summary>A percentage as a fraction in the given range (0 &lt; x &lt;= 1 by default).</summary>
    public double? Fraction(QuantitySyntax q, string what, bool allowZero = false, bool allowOne = true)
    {
        var value = Quantity(q, QuantityKind.Percentage, what);
        if (value is null) return null;
        var ok = (allowZero ? value >= 0 : value > 0) && (allowOne ? value <= 1 : value < 1);
        if (!ok)
        {
            var range = (allowZero ? "at least 0%" : "above 0%") + " and " + (allowOne ? "at most 100%" : "below 100%");
            Report(DiagnosticDescriptors.OutOfRange, q.Span, what, Text(q), range);
            return null;
        }
        return value;
    }

    /// <summary>Looks <paramref name="word"/> up among <paramref name="options"/>; reports MIRO2001 otherwise.</summary>
    public T? Choose<T>(WordSyntax word, string what, params (string Name, T Value)[] options) where T : struct
    {
        foreach (var (name, value) in options)
            if (name == word.Text) return value;
        var names = new string[options.Length];
        for (var i = 0; i < options.Length; i++) names[i] = options[i].Name;
        Report(DiagnosticDescriptors.UnknownName, word.Span, what, word.Text, SyntaxErrors.Join(names), Suggestions.DidYouMean(word.Text, names));
        return null;
    }

    /// <summary>A byte count for messages: "4 GiB", "3136 B", "1.5 MB".</summary>
    public static string FormatBytes(double bytes)
    {
        const double kib = 1024, mib = kib * 1024, gib = mib * 1024;
        if (bytes >= gib) return (bytes / gib).ToString("0.##", CultureInfo.InvariantCulture) + " GiB";
        if (bytes >= mib) return (bytes / mib).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
        if (bytes >= kib) return (bytes / kib).ToString("0.##", CultureInfo.InvariantCulture) + " KiB";
        return bytes.ToString("0", CultureInfo.InvariantCulture) + " B";
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Miro.Dsl.Binding;

/// <summary>What a quantity measures.</summary>
internal enum QuantityKind
{
    Size,
    Energy,
    Power,
    EnergyPerByte,
    EnergyPerFlop,
    Time,
    Percentage,
    Count,
}

/// <summary>A unit: what it measures and how it converts to SI (bytes, joules, watts, J/B, J/flop,
/// seconds, fraction, count): SI = number × 10^<paramref name="Pow10"/> × <paramref name="Multiplier"/>.
/// The decimal exponent is applied to the number's text, not by multiplying, so "3.6 nJ/B" becomes
/// exactly the double 3.6e-9 and "7%" exactly 0.07 — what a person writes in C# or Python.</summary>
internal readonly record struct Unit(string Symbol, QuantityKind Kind, int Pow10, double Multiplier = 1);

/// <summary>The unit table of DESIGN.md §3. KB = 1000 B and KiB = 1024 B; watt-hours become joules;
/// a percentage becomes a fraction.</summary>
internal static class Units
{
    private static readonly Unit[] Table =
    {
        new("B", QuantityKind.Size, 0),
        new("KB", QuantityKind.Size, 3),
        new("MB", QuantityKind.Size, 6),
        new("GB", QuantityKind.Size, 9),
        new("KiB", QuantityKind.Size, 0, 1024),
        new("MiB", QuantityKind.Size, 0, 1024.0 * 1024),
        new("GiB", QuantityKind.Size, 0, 1024.0 * 1024 * 1024),
        new("mJ", QuantityKind.Energy, -3),
        new("J", QuantityKind.Energy, 0),
        new("kJ", QuantityKind.Energy, 3),
        new("mWh", QuantityKind.Energy, -3, 3600),
        new("Wh", QuantityKind.Energy, 0, 3600),
        new("mW", QuantityKind.Power, -3),
        new("W", QuantityKind.Power, 0),
        new("pJ/B", QuantityKind.EnergyPerByte, -12),
        new("nJ/B", QuantityKind.EnergyPerByte, -9),
        new("pJ/flop", QuantityKind.EnergyPerFlop, -12),
        new("ms", QuantityKind.Time, -3),
        new("s", QuantityKind.Time, 0),
        new("min", QuantityKind.Time, 0, 60),
        new("h", QuantityKind.Time, 0, 3600),
        new("%", QuantityKind.Percentage, -2),
        new("samples", QuantityKind.Count, 0),
    };

    private static readonly Dictionary<string, Unit> BySymbol = Build();

    private static Dictionary<string, Unit> Build()
    {
        var map = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var u in Table) map[u.Symbol] = u;
        return map;
    }

    public static bool TryGet(string symbol, out Unit unit) => BySymbol.TryGetValue(symbol, out unit);

    /// <summary>A unit spelled with the wrong case (<c>gib</c> for <c>GiB</c>), for "did you mean".</summary>
    public static string? CaseInsensitiveMatch(string symbol)
    {
        foreach (var u in Table)
            if (string.Equals(u.Symbol, symbol, StringComparison.OrdinalIgnoreCase)) return u.Symbol;
        return null;
    }

    /// <summary>Converts a number as written (<paramref name="number"/>, e.g. "3.6" or "1e3") in
    /// <paramref name="symbol"/> to SI; false for an unknown unit or a malformed number.</summary>
    public static bool TryToSi(string number, string symbol, out double si)
    {
        si = 0;
        return TryGet(symbol, out var unit) && TryToSi(number, unit, out si);
    }

    /// <summary>Converts a number as written in <paramref name="unit"/> to SI.</summary>
    public static bool TryToSi(string number, Unit unit, out double si)
    {
        var e = number.IndexOfAny(new[] { 'e', 'E' });
        var mantissa = e < 0 ? number : number.Substring(0, e);
        var exponent = 0L;
        if (e >= 0 && !long.TryParse(number.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            si = 0;
            return false;
        }
        exponent += unit.Pow10;
        // Clamp: beyond ±400 a double is 0 or infinity anyway, and the text stays short.
        exponent = Math.Max(-400, Math.Min(400, exponent));
        var ok = double.TryParse(mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out si);
        si *= unit.Multiplier;
        return ok;
    }

    /// <summary>"a size", "an energy", ... for messages.</summary>
    public static string Describe(QuantityKind kind) => kind switch
    {
        QuantityKind.Size => "a size",
        QuantityKind.Energy => "an energy",
        QuantityKind.Power => "a power",
        QuantityKind.EnergyPerByte => "an energy per byte",
        QuantityKind.EnergyPerFlop => "an energy per operation",
        QuantityKind.Time => "a time",
        QuantityKind.Percentage => "a percentage",
        _ => "a count",
    };

    /// <summary>The units of a kind as a readable list: "B, KB, MB, GB, KiB, MiB or GiB".</summary>
    public static string List(QuantityKind kind)
    {
        if (kind == QuantityKind.Count) return "a plain number or 'samples'";
        var names = new List<string>();
        foreach (var u in Table)
            if (u.Kind == kind) names.Add(u.Symbol);
        return names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " or " + names[names.Count - 1];
    }

    /// <summary>The unit used in examples of a kind ("GiB" for sizes).</summary>
    public static string ExampleUnit(QuantityKind kind)
    {
        var example = Example(kind);
        var space = example.IndexOf(' ');
        return space < 0 ? (kind == QuantityKind.Percentage ? "%" : "") : example.Substring(space + 1);
    }

    /// <summary>An example quantity of a kind, for messages.</summary>
    public static string Example(QuantityKind kind) => kind switch
    {
        QuantityKind.Size => "4 GiB",
        QuantityKind.Energy => "40 kJ",
        QuantityKind.Power => "6.5 W",
        QuantityKind.EnergyPerByte => "3.6 nJ/B",
        QuantityKind.EnergyPerFlop => "20 pJ/flop",
        QuantityKind.Time => "100 ms",
        QuantityKind.Percentage => "25%",
        _ => "500",
    };
}

using System;
using System.Collections.Generic;

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

/// <summary>A unit: what it measures and the factor that converts it to SI (bytes, joules, watts,
/// J/B, J/flop, seconds, fraction, count).</summary>
internal readonly record struct Unit(string Symbol, QuantityKind Kind, double ToSi);

/// <summary>The unit table of DESIGN.md §3. KB = 1000 B and KiB = 1024 B; watt-hours become joules;
/// a percentage becomes a fraction.</summary>
internal static class Units
{
    private static readonly Unit[] Table =
    {
        new("B", QuantityKind.Size, 1),
        new("KB", QuantityKind.Size, 1e3),
        new("MB", QuantityKind.Size, 1e6),
        new("GB", QuantityKind.Size, 1e9),
        new("KiB", QuantityKind.Size, 1024),
        new("MiB", QuantityKind.Size, 1024.0 * 1024),
        new("GiB", QuantityKind.Size, 1024.0 * 1024 * 1024),
        new("mJ", QuantityKind.Energy, 1e-3),
        new("J", QuantityKind.Energy, 1),
        new("kJ", QuantityKind.Energy, 1e3),
        new("mWh", QuantityKind.Energy, 3.6),
        new("Wh", QuantityKind.Energy, 3600),
        new("mW", QuantityKind.Power, 1e-3),
        new("W", QuantityKind.Power, 1),
        new("pJ/B", QuantityKind.EnergyPerByte, 1e-12),
        new("nJ/B", QuantityKind.EnergyPerByte, 1e-9),
        new("pJ/flop", QuantityKind.EnergyPerFlop, 1e-12),
        new("ms", QuantityKind.Time, 1e-3),
        new("s", QuantityKind.Time, 1),
        new("min", QuantityKind.Time, 60),
        new("h", QuantityKind.Time, 3600),
        new("%", QuantityKind.Percentage, 0.01),
        new("samples", QuantityKind.Count, 1),
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

    /// <summary>Converts <paramref name="value"/> in <paramref name="symbol"/> to SI; false for an unknown unit.</summary>
    public static bool TryToSi(double value, string symbol, out double si)
    {
        if (TryGet(symbol, out var unit))
        {
            si = value * unit.ToSi;
            return true;
        }
        si = 0;
        return false;
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

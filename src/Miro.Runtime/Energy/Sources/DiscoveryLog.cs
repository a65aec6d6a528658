using System;
using System.Collections.Generic;
using System.IO;

namespace Miro.Runtime.Energy.Sources;

/// <summary>Collects the sensors that work and, for the fallback message, why others do not.</summary>
internal sealed class DiscoveryLog
{
    private readonly List<EnergySource> _sources = new();
    private readonly List<string> _problems = new();

    /// <summary>Sensors that were found and read successfully.</summary>
    public IReadOnlyList<EnergySource> Sources => _sources;

    /// <summary>One line per sensor that exists but could not be used, or per place that was empty.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Adds <paramref name="source"/> if one read of every file succeeds; otherwise records why not.</summary>
    public void Offer(EnergySource source)
    {
        try
        {
            source.Probe();
            _sources.Add(source);
        }
        catch (IOException e)
        {
            _problems.Add($"{source.Description}: {e.Message}");
        }
    }

    /// <summary>Records a problem.</summary>
    public void Problem(string message) => _problems.Add(message);

    /// <summary>The sub-directories of <paramref name="dir"/> matching <paramref name="pattern"/>, in ordinal order
    /// (so results never depend on file-system order).</summary>
    public static string[] Directories(string dir, string pattern)
    {
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        var found = Directory.GetDirectories(dir, pattern);
        Array.Sort(found, StringComparer.Ordinal);
        return found;
    }

    /// <summary>The files of <paramref name="dir"/> matching <paramref name="pattern"/>, in ordinal order.</summary>
    public static string[] Files(string dir, string pattern)
    {
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        var found = Directory.GetFiles(dir, pattern);
        Array.Sort(found, StringComparer.Ordinal);
        return found;
    }

    /// <summary>The number in a name like <c>in3_label</c> between <paramref name="prefix"/> and <paramref name="suffix"/>;
    /// null when the name does not have that shape.</summary>
    public static int? Index(string fileName, string prefix, string suffix)
    {
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var digits = fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - suffix.Length);
        return digits.Length > 0 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}

using System;
using System.Collections.Generic;

namespace Miro.Dsl.Text;

/// <summary>"Did you mean" hints: the closest allowed word within a small edit distance.</summary>
internal static class Suggestions
{
    /// <summary>" (did you mean 'dram'?)" for the closest candidate, or "" when none is close.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        // One edit per three letters, at most two: 'drm' -> 'dram', but 'foo' suggests nothing.
        var limit = Math.Min(2, Math.Max(1, word.Length / 3));
        foreach (var candidate in candidates)
        {
            var distance = Distance(word, candidate, limit);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    /// <summary>Optimal-string-alignment distance (insert, delete, substitute, swap neighbours),
    /// capped: anything above <paramref name="limit"/> returns limit + 1.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

using System.Collections.Generic;
using System.Linq;

namespace Miro.Benchmarks;

/// <summary>The median of the interleaved harnesses' epoch times (robust to bursts of outside load).</summary>
internal static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

using System;
using System.Collections.Generic;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>The fitted model, or why there is none.</summary>
/// <param name="Model">The fitted coefficients; null when the probes cannot determine them.</param>
/// <param name="RmsResidualJoules">Root-mean-square error of the fit over the probes.</param>
/// <param name="Error">Why no model could be fitted.</param>
public sealed record CalibrationResult(EnergyModel? Model, double RmsResidualJoules, string? Error);

/// <summary>
/// Fits the energy model's coefficients to measured probes by least squares. The model is linear in
/// its coefficients: <c>E = a·wall + b·(busy·wall) + c·bytes_read + d·bytes_written</c> with
/// <c>a = P_idle</c>, <c>b = P_active − P_idle</c>, <c>c = e_read</c>, <c>d = e_write</c>. Physical
/// coefficients are never negative: a negative one is pinned at zero and the rest refitted; a fit
/// that leaves a coefficient at zero, or probes the sensor did not see, are refused (<see cref="CalibrationPlausibility"/>).
/// </summary>
public static class CalibrationFit
{
    private const int Unknowns = 4;

    /// <summary>Fits the probes of a device with <paramref name="processors"/> logical processors.</summary>
    public static CalibrationResult Fit(IReadOnlyList<CalibrationProbe> probes, int processors)
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (CalibrationPlausibility.Refusal(probes, null) is { } stuck)
            return new CalibrationResult(null, double.NaN, stuck);
        var rows = new double[probes.Count][];
        var y = new double[probes.Count];
        for (var i = 0; i < probes.Count; i++)
        {
            var p = probes[i];
            var busy = EnergyModel.BusyFraction(p.WallSeconds, p.CpuSeconds, processors);
            rows[i] = new[] { p.WallSeconds, busy * p.WallSeconds, p.BytesRead, p.BytesWritten };
            y[i] = p.Joules;
        }

        var active = new[] { true, true, true, true };
        for (var attempt = 0; attempt < Unknowns; attempt++)
        {
            var solution = Solve(rows, y, active);
            if (solution is null)
                return new CalibrationResult(null, double.NaN,
                    "The probes do not determine every coefficient (each needs a probe that varies it: idle vs busy CPU, reads, writes).");
            var negative = false;
            for (var k = 0; k < Unknowns; k++)
                if (active[k] && solution[k] < 0)
                {
                    active[k] = false;
                    negative = true;
                }

            if (negative) continue;
            var model = new EnergyModel(solution[0], solution[0] + solution[1], solution[2], solution[3]);
            // A coefficient pinned at zero is not a measurement: `miro check` rejects it, so refuse it here.
            return CalibrationPlausibility.Refusal(probes, model) is { } refusal
                ? new CalibrationResult(null, double.NaN, refusal)
                : new CalibrationResult(model, Rms(rows, y, solution), null);
        }

        return new CalibrationResult(null, double.NaN, "Every coefficient came out negative: the meter readings do not follow the workload.");
    }

    private static double Rms(double[][] rows, double[] y, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = y[i];
            for (var k = 0; k < Unknowns; k++) r -= rows[i][k] * x[k];
            sum += r * r;
        }

        return rows.Length == 0 ? 0 : Math.Sqrt(sum / rows.Length);
    }

    /// <summary>Least squares over the active columns via the normal equations, with each column scaled to
    /// unit size first (seconds and gigabytes differ by nine orders of magnitude). Null when singular.</summary>
    private static double[]? Solve(double[][] rows, double[] y, bool[] active)
    {
        var columns = new List<int>();
        for (var k = 0; k < Unknowns; k++)
            if (active[k]) columns.Add(k);
        var n = columns.Count;
        var scale = new double[n];
        for (var j = 0; j < n; j++)
        {
            foreach (var row in rows) scale[j] = Math.Max(scale[j], Math.Abs(row[columns[j]]));
            if (scale[j] == 0) return null;
        }

        // Augmented normal equations [AᵀA | Aᵀy] on scaled columns.
        var m = new double[n, n + 1];
        for (var i = 0; i < rows.Length; i++)
        for (var a = 0; a < n; a++)
        {
            var xa = rows[i][columns[a]] / scale[a];
            for (var b = 0; b < n; b++) m[a, b] += xa * rows[i][columns[b]] / scale[b];
            m[a, n] += xa * y[i];
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-12) return null;
            for (var c = 0; c <= n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = m[r, col] / m[col, col];
                for (var c = col; c <= n; c++) m[r, c] -= f * m[col, c];
            }
        }

        var x = new double[Unknowns];
        for (var j = 0; j < n; j++) x[columns[j]] = m[j, n] / m[j, j] / scale[j];
        return x;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Miro.Dsl.Model;

namespace Miro.Runtime.Controller;

/// <summary>The selection's outcome.</summary>
/// <param name="Chosen">Index of the chosen candidate in the input.</param>
/// <param name="Verdicts">Per candidate (input order): what became of it.</param>
/// <param name="Scores">Per candidate: its objective value (higher is better; NaN when not computed).</param>
/// <param name="Reasons">Per candidate: why, in words.</param>
/// <param name="Note">A remark on the whole choice (no candidate fit the budget), or null.</param>
public sealed record Selection(int Chosen, IReadOnlyList<CandidateVerdict> Verdicts, IReadOnlyList<double> Scores, IReadOnlyList<string> Reasons, string? Note);

/// <summary>
/// Chooses among measured candidates (DESIGN.md §5): first the energy budget drops every
/// candidate whose estimated task joules exceed what is left; of the rest, the top
/// <c>keep top p%</c> by validation accuracy survive the cut line (at least one); of those the best
/// <c>objective</c> wins. When no candidate fits the budget, the cheapest is taken and the
/// <see cref="Selection.Note"/> says so. Ties go to the earlier candidate (cross-product order),
/// so the choice is a pure function of the measurements.
/// </summary>
public static class CandidateSelection
{
    /// <summary>Selects one of <paramref name="candidates"/> (at least one).</summary>
    /// <param name="candidates">The measured candidates.</param>
    /// <param name="keepTop">The fraction kept by accuracy, in (0, 1].</param>
    /// <param name="objective">What to maximise among the kept.</param>
    /// <param name="budgetLeftJoules">Joules the energy budget has left for the task (<see cref="double.PositiveInfinity"/> without a budget).</param>
    public static Selection Select(IReadOnlyList<CandidateMeasurement> candidates, double keepTop, Objective objective, double budgetLeftJoules)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is no candidate to select from.", nameof(candidates));
        }

        int n = candidates.Count;
        var verdicts = new CandidateVerdict[n];
        var scores = new double[n];
        var reasons = new string[n];
        var fitting = new List<int>();
        for (int i = 0; i < n; i++)
        {
            scores[i] = Score(candidates[i], objective);
            if (candidates[i].TaskJoules > budgetLeftJoules)
            {
                verdicts[i] = CandidateVerdict.OverBudget;
                reasons[i] = Invariant($"estimated {candidates[i].TaskJoules:F1} J > {budgetLeftJoules:F1} J left in the budget");
            }
            else
            {
                fitting.Add(i);
            }
        }

        if (fitting.Count == 0)
        {
            int cheapest = 0;
            for (int i = 1; i < n; i++)
            {
                if (candidates[i].TaskJoules < candidates[cheapest].TaskJoules)
                {
                    cheapest = i;
                }
            }

            verdicts[cheapest] = CandidateVerdict.Chosen;
            reasons[cheapest] = "cheapest: no candidate fits the budget";
            return new Selection(cheapest, verdicts, scores, reasons,
                Invariant($"no candidate fits the {budgetLeftJoules:F1} J left in the energy budget: took the cheapest ({candidates[cheapest].TaskJoules:F1} J estimated)."));
        }

        // The cut line: the top keepTop share of the fitting candidates by accuracy (stable: ties keep input order).
        var byAccuracy = new List<int>(fitting);
        byAccuracy.Sort((a, b) =>
        {
            int c = candidates[b].ValidationAccuracy.CompareTo(candidates[a].ValidationAccuracy);
            return c != 0 ? c : a.CompareTo(b);
        });
        int keep = Math.Clamp((int)Math.Ceiling(keepTop * byAccuracy.Count - 1e-9), 1, byAccuracy.Count);
        double cutAccuracy = candidates[byAccuracy[keep - 1]].ValidationAccuracy;
        int best = -1;
        for (int r = 0; r < byAccuracy.Count; r++)
        {
            int i = byAccuracy[r];
            if (r >= keep)
            {
                verdicts[i] = CandidateVerdict.BelowCut;
                reasons[i] = Invariant($"accuracy {100 * candidates[i].ValidationAccuracy:F1}% below the top {100 * keepTop:0.#}% (cut at {100 * cutAccuracy:F1}%)");
                continue;
            }

            verdicts[i] = CandidateVerdict.Kept;
            if (best < 0 || Better(scores[i], i, scores[best], best))
            {
                best = i;
            }
        }

        for (int r = 0; r < keep; r++)
        {
            int i = byAccuracy[r];
            reasons[i] = i == best ? Invariant($"best {Describe(objective)} of the {keep} kept") : Invariant($"kept; {Describe(objective)} lower than the chosen");
        }

        verdicts[best] = CandidateVerdict.Chosen;
        return new Selection(best, verdicts, scores, reasons, null);
    }

    /// <summary>The objective's value for <paramref name="m"/>: higher is better.</summary>
    public static double Score(CandidateMeasurement m, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(m);
        return objective switch
        {
            Objective.AccuracyPerJoule => m.TaskJoules > 0 ? m.ValidationAccuracy / m.TaskJoules : double.PositiveInfinity,
            Objective.Accuracy => m.ValidationAccuracy,
            _ => -m.TaskJoules,
        };
    }

    private static bool Better(double score, int index, double bestScore, int bestIndex)
        => score > bestScore || (score == bestScore && index < bestIndex);

    private static string Describe(Objective objective) => objective switch
    {
        Objective.AccuracyPerJoule => "accuracy per joule",
        Objective.Accuracy => "accuracy",
        _ => "energy",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

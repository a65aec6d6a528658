using System;
using System.Collections.Generic;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Session;

namespace Miro.Runtime.Controller;

/// <summary>The candidates of one task and what became of the declared ones on the way.</summary>
/// <param name="Candidates">The candidates to try, in cross-product order.</param>
/// <param name="Allowed">Candidates the <c>when</c> rules allowed (before clipping).</param>
/// <param name="Clipped">Of those, how many had a value lowered to what is feasible.</param>
/// <param name="Duplicates">Candidates dropped because clipping made them equal to an earlier one.</param>
/// <param name="Infeasible">Candidates dropped because even clipped they do not fit (the stream buffer alone exceeds the DRAM).</param>
/// <param name="NotSampled">Feasible candidates that <c>navigate random</c> left out.</param>
public sealed record CandidateList(IReadOnlyList<Candidate> Candidates, int Allowed, int Clipped, int Duplicates, int Infeasible, int NotSampled);

/// <summary>
/// Builds a task's candidates (DESIGN.md §5): the cross product of the <c>tune</c> values narrowed
/// by the <c>when</c> rules that the resource state selects (<see cref="CandidateSpace"/>), each
/// clipped to what is feasible now (<see cref="FeasibleResources"/>), de-duplicated, and — with
/// <c>navigate random r%</c> — a seeded share of them. Tunables the spec does not declare keep the
/// policy's base values.
/// </summary>
public static class CandidateGenerator
{
    /// <summary>The candidates for task <paramref name="task"/> (zero-based).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="space">The policy's candidate space (<see cref="CandidateSpace.Create"/>).</param>
    /// <param name="state">The resources now (selects the <c>when</c> rules).</param>
    /// <param name="feasible">The bounds now.</param>
    /// <param name="seed">The run's seed (the random share's stream is derived from it and the task).</param>
    /// <param name="task">Zero-based task index.</param>
    public static CandidateList Generate(PolicySpec policy, CandidateSpace space, ResourceState state, FeasibleResources feasible, int seed, int task)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(feasible);
        Candidate baseline = Candidate.Base(policy);
        var seen = new HashSet<Candidate>();
        var candidates = new List<Candidate>();
        int allowed = 0, clipped = 0, duplicates = 0, infeasible = 0;
        foreach (long ordinal in space.Enumerate(state))
        {
            allowed++;
            Candidate declared = Decode(space, ordinal, baseline);
            Candidate? fitted = Clip(declared, feasible);
            if (fitted is null)
            {
                infeasible++;
                continue;
            }

            if (fitted != declared)
            {
                clipped++;
            }

            if (!seen.Add(fitted))
            {
                duplicates++;
                continue;
            }

            candidates.Add(fitted);
        }

        int notSampled = 0;
        if (policy.Profile is { Navigation: NavigationKind.Random } profile && candidates.Count > 1)
        {
            int keep = Math.Clamp((int)Math.Ceiling(profile.RandomFraction * candidates.Count - 1e-9), 1, candidates.Count);
            notSampled = candidates.Count - keep;
            candidates = RandomShare(candidates, keep, SeedStreams.Create(seed, "controller-navigate", task));
        }

        return new CandidateList(candidates, allowed, clipped, duplicates, infeasible, notSampled);
    }

    /// <summary>The configuration of candidate <paramref name="ordinal"/>: declared tunables from the space, the rest from <paramref name="baseline"/>.</summary>
    public static Candidate Decode(CandidateSpace space, long ordinal, Candidate baseline)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(baseline);
        Candidate c = baseline;
        for (int t = 0; t < space.TunableCount; t++)
        {
            double value = space.ValueOf(ordinal, t);
            c = space.ParameterOf(t) switch
            {
                TunableParameter.EpisodicCapacity => c with { EpisodicCapacity = (int)Math.Round(value) },
                TunableParameter.StreamCapacity => c with { StreamCapacity = (int)Math.Round(value) },
                TunableParameter.SwapRatio => c with { SwapRatio = value },
                TunableParameter.Epochs => c with { Epochs = (int)Math.Round(value) },
                _ => c with { Batch = (int)Math.Round(value) },
            };
        }

        return c;
    }

    /// <summary>
    /// <paramref name="c"/> lowered to what is feasible: the stream buffer to the task's samples, the
    /// episodic memory to the stored samples and then to the DRAM the stream buffer leaves; null when
    /// the stream buffer alone does not fit the DRAM.
    /// </summary>
    public static Candidate? Clip(Candidate c, FeasibleResources feasible)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(feasible);
        int sb = (int)Math.Min(c.StreamCapacity, Math.Max(1, feasible.TaskSamples));
        long dram = feasible.DramSamples;
        if (sb > dram)
        {
            return null;
        }

        long em = Math.Min(c.EpisodicCapacity, Math.Min(feasible.StoredSamples, dram - sb));
        return c with { EpisodicCapacity = (int)Math.Max(0, em), StreamCapacity = sb };
    }

    /// <summary><paramref name="keep"/> of <paramref name="candidates"/> chosen by <paramref name="random"/>, in their original order.</summary>
    private static List<Candidate> RandomShare(List<Candidate> candidates, int keep, Random random)
    {
        var order = new int[candidates.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Partial Fisher–Yates: the first `keep` positions are a uniform sample without replacement.
        for (int i = 0; i < keep; i++)
        {
            int j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        Array.Sort(order, 0, keep);
        var chosen = new List<Candidate>(keep);
        for (int i = 0; i < keep; i++)
        {
            chosen.Add(candidates[order[i]]);
        }

        return chosen;
    }
}

using System;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>Chooses which of a step's EM slots the swap worker replaces.</summary>
internal interface ISwapPolicy
{
    /// <summary>
    /// Writes into <paramref name="chosen"/> the positions (indices into the job's slots) of the
    /// <paramref name="count"/> slots to swap.
    /// </summary>
    void Choose(SwapJob job, int count, Random random, Span<int> chosen);
}

/// <summary>Creates the policy a spec names.</summary>
internal static class SwapPolicies
{
    public static ISwapPolicy Create(SwapPolicy policy) => policy switch
    {
        SwapPolicy.Random => new RandomSwapPolicy(),
        SwapPolicy.Entropy => new EntropySwapPolicy(),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown swap policy."),
    };
}

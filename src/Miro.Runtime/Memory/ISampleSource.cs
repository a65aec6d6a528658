using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// Where a DRAM memory refills from when it grows: in Miro, the sample store on flash, which keeps
/// every stream sample seen (DESIGN.md §4.1).
/// </summary>
public interface ISampleSource
{
    /// <summary>How many samples of class <paramref name="label"/> the source holds.</summary>
    int CountOf(int label);

    /// <summary>
    /// Copies up to <paramref name="count"/> samples of class <paramref name="label"/> into
    /// <paramref name="features"/> (<c>count × sample size</c> floats) and their ids into
    /// <paramref name="ids"/>, skipping samples whose id is in <paramref name="exclude"/> (already in
    /// memory). Random choices use <paramref name="rng"/>.
    /// </summary>
    /// <returns>The number of samples copied.</returns>
    int Fetch(int label, int count, IReadOnlySet<long> exclude, Random rng, Span<float> features, Span<long> ids);
}

using System;
using System.Globalization;
using System.Text;
using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>
/// One candidate of a policy's tune space as a fixed configuration: the policy with the base
/// values replaced by the candidate's, the profile block removed (nothing left to profile), and the
/// tune block and <c>when</c> rules dropped (a fixed configuration has exactly one candidate, so a
/// resource state has nothing to narrow). A run of the result is an ordinary fixed-configuration
/// run; sweeps (<c>miro sweep</c>) and <c>miro run --configuration K</c> use it, and the numbering
/// is the ordinal of <see cref="CandidateSpace"/> over the full cross product (mixed radix, the last
/// tunable varying fastest), so candidate K is the same on every machine that reads the same spec.
/// </summary>
public static class FixedCandidate
{
    /// <summary>The number of candidates of <paramref name="spec"/> (its full cross product; 1 when nothing is tunable).</summary>
    public static long Count(PolicySpec spec) => CandidateSpace.Create(spec).Count;

    /// <summary>
    /// <paramref name="spec"/> with candidate <paramref name="ordinal"/>'s values as its base values,
    /// without profile, tune block or <c>when</c> rules.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is not in [0, <see cref="Count"/>).</exception>
    public static PolicySpec Apply(PolicySpec spec, long ordinal)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var space = CandidateSpace.Create(spec);
        if (ordinal < 0 || ordinal >= space.Count)
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal,
                $"Policy '{spec.Name}' has {space.Count} configuration(s), numbered 0 to {space.Count - 1}.");

        var memory = spec.Memory;
        var train = spec.Train;
        for (var t = 0; t < space.TunableCount; t++)
        {
            var value = space.ValueOf(ordinal, t);
            switch (space.ParameterOf(t))
            {
                case TunableParameter.EpisodicCapacity:
                    memory = memory with { Episodic = memory.Episodic with { Capacity = Whole(value) } };
                    break;
                case TunableParameter.StreamCapacity:
                    memory = memory with { Stream = memory.Stream with { Capacity = Whole(value) } };
                    break;
                case TunableParameter.SwapRatio:
                    // The binder rejects swap.ratio as a tunable without a swap setting.
                    if (memory.Swap is null)
                        throw new ArgumentException($"Policy '{spec.Name}' tunes swap.ratio but has no swap setting.", nameof(spec));
                    memory = memory with { Swap = memory.Swap with { Ratio = value } };
                    break;
                case TunableParameter.Epochs:
                    train = train with { Epochs = Whole(value) };
                    break;
                case TunableParameter.Batch:
                    train = train with { Batch = Whole(value) };
                    break;
            }
        }

        return spec with
        {
            Memory = memory,
            Train = train,
            Tunables = EquatableArray<TunableSpec>.Empty,
            Profile = null,
            Rules = EquatableArray<WhenRuleSpec>.Empty,
        };
    }

    /// <summary>Candidate <paramref name="ordinal"/>'s values as a spec would write them: <c>episodic.capacity 200, swap.ratio 25%</c>.</summary>
    public static string Describe(PolicySpec spec, long ordinal)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var space = CandidateSpace.Create(spec);
        var text = new StringBuilder();
        for (var t = 0; t < space.TunableCount; t++)
        {
            if (t > 0) text.Append(", ");
            text.Append(TunablePaths.Of(space.ParameterOf(t))).Append(' ').Append(ValueText(space.ParameterOf(t), space.ValueOf(ordinal, t)));
        }

        return text.Length == 0 ? "(base configuration)" : text.ToString();
    }

    /// <summary>A tunable value in the spec's notation: a swap ratio as a percentage, a count as an integer.</summary>
    public static string ValueText(TunableParameter parameter, double value) => parameter == TunableParameter.SwapRatio
        ? (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%"
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    // Counts are bound as whole numbers; rounding only guards against a value such as 199.99999 from a range step.
    private static int Whole(double value) => (int)Math.Round(value);
}

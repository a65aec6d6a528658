using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>The names a <c>tune</c> block uses for each <see cref="TunableParameter"/> (<c>episodic.capacity</c>, ...).</summary>
public static class TunablePaths
{
    /// <summary>Every tunable path, in <see cref="TunableParameter"/> order.</summary>
    public static readonly string[] All = { "episodic.capacity", "stream.capacity", "swap.ratio", "train.epochs", "train.batch" };

    /// <summary>The path of <paramref name="parameter"/> as a spec writes it.</summary>
    public static string Of(TunableParameter parameter) => All[(int)parameter];
}

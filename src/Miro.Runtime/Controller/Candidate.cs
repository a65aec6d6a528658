using System.Globalization;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;

namespace Miro.Runtime.Controller;

/// <summary>
/// One configuration the controller can choose for a task: the five tunables' values
/// (<c>episodic.capacity</c>, <c>stream.capacity</c>, <c>swap.ratio</c>, <c>train.epochs</c>, <c>train.batch</c>).
/// </summary>
/// <param name="EpisodicCapacity">Episodic-memory slots.</param>
/// <param name="StreamCapacity">Stream-buffer capacity.</param>
/// <param name="SwapRatio">Swap ratio; null when the policy does not swap.</param>
/// <param name="Epochs">Epochs per task.</param>
/// <param name="Batch">Minibatch size.</param>
public sealed record Candidate(int EpisodicCapacity, int StreamCapacity, double? SwapRatio, int Epochs, int Batch)
{
    /// <summary>The policy's own configuration (the values its memory and train blocks declare).</summary>
    public static Candidate Base(PolicySpec policy)
    {
        System.ArgumentNullException.ThrowIfNull(policy);
        return new(policy.Memory.Episodic.Capacity, policy.Memory.Stream.Capacity, policy.Memory.Swap?.Ratio, policy.Train.Epochs, policy.Train.Batch);
    }

    /// <summary>The configuration in force in a session (<see cref="Session.MiroSession.Configuration"/>).</summary>
    public static Candidate Of(TaskConfiguration configuration)
    {
        System.ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration.EpisodicCapacity, configuration.StreamCapacity, configuration.SwapRatio, configuration.Epochs, configuration.Batch);
    }

    /// <summary>The value of <paramref name="parameter"/> in this configuration, in the spec's units (a fraction for the swap ratio).</summary>
    public double ValueOf(TunableParameter parameter) => parameter switch
    {
        TunableParameter.EpisodicCapacity => EpisodicCapacity,
        TunableParameter.StreamCapacity => StreamCapacity,
        TunableParameter.SwapRatio => SwapRatio ?? double.NaN,
        TunableParameter.Epochs => Epochs,
        _ => Batch,
    };

    /// <summary>A compact form for tables: <c>EM 200 SB 600 swap 25% e5 b16</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"EM {EpisodicCapacity} SB {StreamCapacity}{(SwapRatio is { } r ? $" swap {100 * r:0.#}%" : "")} e{Epochs} b{Batch}");
}

using Miro.Dsl.Model;

namespace Miro.Generators.Emit;

/// <summary>How each tunable parameter appears in generated code: its property, C# type, doc text and base value.</summary>
internal sealed class TunableInfo
{
    private TunableInfo(string property, bool isInteger, string description, string baseBlock, string baseWord, string tuneName)
    {
        Property = property;
        IsInteger = isInteger;
        Description = description;
        BaseBlock = baseBlock;
        BaseWord = baseWord;
        TuneName = tuneName;
    }

    /// <summary>The <c>Configuration</c> property name.</summary>
    public string Property { get; }

    /// <summary>True for <c>int</c> properties, false for <c>double</c>.</summary>
    public bool IsInteger { get; }

    /// <summary>What the value means, for XML docs.</summary>
    public string Description { get; }

    /// <summary>The block of the spec line that sets the base value.</summary>
    public string BaseBlock { get; }

    /// <summary>A word on the spec line that sets the base value.</summary>
    public string BaseWord { get; }

    /// <summary>The parameter's name in a <c>tune</c> block.</summary>
    public string TuneName { get; }

    /// <summary>The C# type of the property.</summary>
    public string TypeName => IsInteger ? "int" : "double";

    /// <summary>The metadata of <paramref name="parameter"/>.</summary>
    public static TunableInfo Of(TunableParameter parameter) => parameter switch
    {
        TunableParameter.EpisodicCapacity => new("EpisodicCapacity", true, "Episodic (replay) memory capacity, in samples", "memory", "episodic", "episodic.capacity"),
        TunableParameter.StreamCapacity => new("StreamCapacity", true, "Stream buffer capacity, in samples", "memory", "stream", "stream.capacity"),
        TunableParameter.SwapRatio => new("SwapRatio", false, "Fraction of a batch's episodic slots swapped with stored samples", "memory", "swap", "swap.ratio"),
        TunableParameter.Epochs => new("Epochs", true, "Training epochs per task", "train", "epochs", "train.epochs"),
        TunableParameter.Batch => new("Batch", true, "Minibatch size", "train", "batch", "train.batch"),
        _ => new(parameter.ToString(), false, parameter.ToString(), "tune", parameter.ToString(), parameter.ToString()),
    };

    /// <summary>The spec's base value of <paramref name="tunable"/> (what runs when profiling does not choose).</summary>
    public static double BaseValue(PolicySpec spec, TunableSpec tunable) => tunable.Parameter switch
    {
        TunableParameter.EpisodicCapacity => spec.Memory.Episodic.Capacity,
        TunableParameter.StreamCapacity => spec.Memory.Stream.Capacity,
        // Without a swap block there is no base ratio; the first candidate stands in.
        TunableParameter.SwapRatio => spec.Memory.Swap?.Ratio ?? FirstValue(tunable),
        TunableParameter.Epochs => spec.Train.Epochs,
        TunableParameter.Batch => spec.Train.Batch,
        _ => FirstValue(tunable),
    };

    private static double FirstValue(TunableSpec tunable) => tunable.Values.Count > 0 ? tunable.Values[0] : 0;
}

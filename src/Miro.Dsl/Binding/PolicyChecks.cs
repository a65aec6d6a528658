using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>Rules that span sections: memories fit DRAM, tunables have their setting, the storage
/// tier fits the device, profiling has candidates and a task to run at.</summary>
internal static class PolicyChecks
{
    public static void Run(BindContext context, SettingIndex policy, DeviceSpec device, DataSpec data, MemorySpec memory, TrainSpec train,
        IReadOnlyList<BoundTunable> tunables, ProfileSpec? profile)
    {
        var memorySection = policy["memory"];
        foreach (var t in tunables)
            if (t.Parameter == TunableParameter.SwapRatio && memory.Swap is null && memorySection is not null)
                context.Report(DiagnosticDescriptors.TunableWithoutSetting, (t.Setting.Path()).Span, "swap.ratio", "swap", "swap ratio 25%");

        if (memorySection?.Block is { } block && device.DramBytes > 0)
        {
            CheckDramFit(context, block, device, data, memory, tunables);
            if (policy["train"]?.Block is { } trainBlock)
                CheckBatchFit(context, block, trainBlock, device, data, memory, train, tunables);
        }

        if (memory.Storage?.CapacityBytes is { } tier && device.Storage is { } flash && flash.CapacityBytes > 0 && tier > flash.CapacityBytes)
        {
            var at = First(memorySection?.Block, "storage")!.Value().Span;
            context.Report(DiagnosticDescriptors.StorageTierTooLarge, at, BindContext.FormatBytes(tier), flash.Kind, BindContext.FormatBytes(flash.CapacityBytes));
        }

        if (profile is not null && policy["profile"] is { } profileSection)
        {
            // A double: the product of several large sets would overflow a long.
            double candidates = 1;
            foreach (var t in tunables) candidates *= t.Values.Count;
            if (candidates < 2) context.Report(DiagnosticDescriptors.TooFewCandidates, profileSection.Keyword.Span, candidates);
            if (profile.FromTask > data.Tasks)
            {
                var at = First(profileSection.Block, "from")?.Span ?? profileSection.Keyword.Span;
                context.Report(DiagnosticDescriptors.ProfilingNeverRuns, at, profile.FromTask, data.Tasks);
            }
        }
    }

    /// <summary>
    /// (episodic + stream capacity) × sample size must fit DRAM for every value either may take:
    /// the declared capacity and every tune candidate. The larger memory is blamed, at each of its
    /// values that cannot fit next to the other memory's largest value.
    /// </summary>
    private static void CheckDramFit(BindContext context, BlockSyntax block, DeviceSpec device, DataSpec data, MemorySpec memory, IReadOnlyList<BoundTunable> tunables)
    {
        var episodic = Values(block, "episodic", memory.Episodic.Capacity, tunables, TunableParameter.EpisodicCapacity);
        var stream = Values(block, "stream", memory.Stream.Capacity, tunables, TunableParameter.StreamCapacity);
        if (episodic.Count == 0 || stream.Count == 0) return;
        double maxEpisodic = Max(episodic), maxStream = Max(stream);
        var blameEpisodic = maxEpisodic >= maxStream;
        var (blamed, other, blamedName, otherName) = blameEpisodic
            ? (episodic, maxStream, "episodic.capacity", "stream.capacity")
            : (stream, maxEpisodic, "stream.capacity", "episodic.capacity");
        foreach (var (value, span) in blamed)
        {
            var samples = value + other;
            var bytes = samples * data.SampleBytes;
            if (bytes <= device.DramBytes) continue;
            context.Report(DiagnosticDescriptors.DoesNotFitDram, span,
                blamedName + " " + BindContext.Text(value) + " with " + otherName + " " + BindContext.Text(other),
                BindContext.FormatBytes(bytes), BindContext.Text(samples), BindContext.Text(data.SampleBytes) + " B", BindContext.FormatBytes(device.DramBytes));
        }
    }

    /// <summary>
    /// A training step holds the memories and at least twice the batch (the assembled batch and the
    /// model's input, or the stream half and the replay half of a balanced batch): a batch that
    /// cannot fit next to the largest memories would abort inside libtorch, so it is refused here.
    /// Only checked when the memories fit on their own (MIRO2013 covers them).
    /// </summary>
    private static void CheckBatchFit(BindContext context, BlockSyntax memoryBlock, BlockSyntax trainBlock, DeviceSpec device, DataSpec data, MemorySpec memory,
        TrainSpec train, IReadOnlyList<BoundTunable> tunables)
    {
        var episodic = Values(memoryBlock, "episodic", memory.Episodic.Capacity, tunables, TunableParameter.EpisodicCapacity);
        var stream = Values(memoryBlock, "stream", memory.Stream.Capacity, tunables, TunableParameter.StreamCapacity);
        double memories = (episodic.Count == 0 ? 0 : Max(episodic)) + (stream.Count == 0 ? 0 : Max(stream));
        if (memories * data.SampleBytes > device.DramBytes) return;
        foreach (var (value, span) in Values(trainBlock, "batch", train.Batch, tunables, TunableParameter.Batch))
        {
            var samples = memories + 2 * value;
            var bytes = samples * data.SampleBytes;
            if (bytes <= device.DramBytes) continue;
            context.Report(DiagnosticDescriptors.BatchDoesNotFitDram, span, BindContext.Text(value), BindContext.FormatBytes(bytes), BindContext.Text(samples),
                BindContext.Text(data.SampleBytes) + " B", BindContext.FormatBytes(device.DramBytes));
        }
    }

    private static List<(double Value, TextSpan Span)> Values(BlockSyntax block, string name, int declared, IReadOnlyList<BoundTunable> tunables, TunableParameter parameter)
    {
        var values = new List<(double, TextSpan)>();
        if (First(block, name) is { } setting) values.Add((declared, setting.Value().Span));
        foreach (var t in tunables)
            if (t.Parameter == parameter) values.AddRange(t.Values);
        return values;
    }

    private static double Max(List<(double Value, TextSpan Span)> values)
    {
        var max = double.MinValue;
        foreach (var (v, _) in values)
            if (v > max) max = v;
        return max;
    }

    private static SettingSyntax? First(BlockSyntax? block, string name)
    {
        if (block is null) return null;
        foreach (var s in block.Settings)
            if (s.Name == name) return s;
        return null;
    }
}

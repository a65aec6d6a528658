using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>memory { stream capacity ..  episodic capacity ..  storage capacity ..  swap ratio .. }</c>.</summary>
internal static class MemoryBinder
{
    public const string DefaultStorePath = "miro-store";

    public static MemorySpec Bind(BindContext context, SettingSyntax? section, PolicySyntax policy)
    {
        if (section is null)
        {
            context.ReportMissing(policy.Name.Span, "policy '" + policy.Name.Text + "'",
                "a memory section", "memory { stream capacity 768 samples  episodic capacity 500 samples }");
            return new MemorySpec(new StreamSpec(1), new EpisodicSpec(1, EpisodicSelection.Balanced), null, null);
        }
        var index = new SettingIndex(context, section.Block, "the memory section");

        var stream = 1;
        if (index["stream"] is { } streamSetting)
            stream = context.Count(streamSetting.Quantity(), "stream capacity", 1) ?? 1;
        else
            context.ReportMissing(section.Keyword.Span, "the memory section", "'stream'", "stream capacity 768 samples");

        var episodic = new EpisodicSpec(1, EpisodicSelection.Balanced);
        if (index["episodic"] is { } episodicSetting)
            episodic = BindEpisodic(context, episodicSetting);
        else
            context.ReportMissing(section.Keyword.Span, "the memory section", "'episodic'", "episodic capacity 500 samples");

        var storage = index["storage"] is { } storageSetting ? BindStorage(context, storageSetting) : null;

        SwapSpec? swap = null;
        if (index["swap"] is { } swapSetting)
        {
            swap = BindSwap(context, swapSetting);
            if (index["storage"] is null) context.Report(DiagnosticDescriptors.SwapWithoutStorage, swapSetting.Keyword.Span);
        }
        return new MemorySpec(new StreamSpec(stream), episodic, storage, swap);
    }

    private static EpisodicSpec BindEpisodic(BindContext context, SettingSyntax setting)
    {
        SettingIndex.CheckClauses(context, setting);
        var capacity = context.Count(setting.Quantity(), "episodic capacity", 1) ?? 1;
        var selection = EpisodicSelection.Balanced;
        if (setting.Clause("select") is { } select)
            selection = context.Choose(select.Word(), "selection",
                ("balanced", EpisodicSelection.Balanced), ("reservoir", EpisodicSelection.Reservoir)) ?? EpisodicSelection.Balanced;
        return new EpisodicSpec(capacity, selection);
    }

    private static StorageTierSpec BindStorage(BindContext context, SettingSyntax setting)
    {
        SettingIndex.CheckClauses(context, setting);
        long? capacity = setting.Value() is QuantitySyntax q ? context.Bytes(q, "storage capacity") : null;
        var path = DefaultStorePath;
        if (setting.Clause("at") is { } at)
        {
            var text = at.String();
            if (text.Value.Trim().Length == 0)
                context.Report(DiagnosticDescriptors.OutOfRange, text.Span, "the store path", "empty", "a directory such as \"miro-store\"");
            else
                path = text.Value;
        }
        var onCorrupt = CorruptSampleAction.Skip;
        if (setting.Clause("on corrupt") is { } corrupt)
            onCorrupt = context.Choose((WordSyntax)corrupt.Value!, "corrupt-sample action",
                ("skip", CorruptSampleAction.Skip), ("fail", CorruptSampleAction.Fail)) ?? CorruptSampleAction.Skip;
        return new StorageTierSpec(capacity, path, onCorrupt);
    }

    private static SwapSpec BindSwap(BindContext context, SettingSyntax setting)
    {
        SettingIndex.CheckClauses(context, setting);
        var ratio = context.Fraction(setting.Quantity(), "swap ratio") ?? 0.25;
        var every = 1;
        if (setting.Clause("every") is { } everyClause)
            every = context.Count(everyClause.Quantity(), "swap interval (every)", 1) ?? 1;
        var policy = SwapPolicy.Random;
        if (setting.Clause("policy") is { } policyClause)
            policy = context.Choose(policyClause.Word(), "swap policy", ("random", SwapPolicy.Random), ("entropy", SwapPolicy.Entropy)) ?? SwapPolicy.Random;
        return new SwapSpec(ratio, every, policy);
    }
}

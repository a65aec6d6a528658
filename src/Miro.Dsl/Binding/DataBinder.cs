using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>data { dataset .. tasks .. classes .. per task  sample ..  validation ..  order [..] }</c>.</summary>
internal static class DataBinder
{
    /// <summary>Datasets the runtime can load, their class counts and the bytes of one float32 sample.</summary>
    private static readonly (string Name, int Classes, long SampleBytes)[] Datasets =
    {
        ("fashion_mnist", 10, 28 * 28 * 4),
        ("mnist", 10, 28 * 28 * 4),
        ("cifar10", 10, 3 * 32 * 32 * 4),
        ("cifar100", 100, 3 * 32 * 32 * 4),
    };

    public static DataSpec Default => new("fashion_mnist", 5, 2, 28 * 28 * 4, 0.1, null);

    public static DataSpec Bind(BindContext context, SettingSyntax? section)
    {
        if (section is null) return Default;
        var index = new SettingIndex(context, section.Block, "the data section");

        var dataset = Datasets[0];
        if (index["dataset"] is { } datasetSetting)
        {
            var options = new (string, int)[Datasets.Length];
            for (var i = 0; i < options.Length; i++) options[i] = (Datasets[i].Name, i);
            var chosen = context.Choose((WordSyntax)datasetSetting.Values[0], "dataset", options);
            if (chosen is null) return Default;
            dataset = Datasets[chosen.Value];
        }

        var tasks = index["tasks"] is { } tasksSetting ? context.Count((QuantitySyntax)tasksSetting.Values[0], "tasks", 1) : 5;
        var classes = index["classes"] is { } classesSetting ? context.Count((QuantitySyntax)classesSetting.Values[0], "classes per task", 1) : 2;
        if (index["classes"] is { } c) SettingIndex.CheckClauses(context, c);
        var sample = index["sample"] is { } sampleSetting ? context.Bytes((QuantitySyntax)sampleSetting.Values[0], "sample") : dataset.SampleBytes;
        var validation = index["validation"] is { } validationSetting
            ? context.Fraction((QuantitySyntax)validationSetting.Values[0], "validation", allowZero: true, allowOne: false)
            : 0.1;

        if (tasks is not null && classes is not null && (long)tasks.Value * classes.Value > dataset.Classes)
        {
            var at = index["tasks"]?.Span ?? index["classes"]?.Span ?? section.Keyword.Span;
            context.Report(DiagnosticDescriptors.TooManyClasses, at, tasks.Value, classes.Value, (long)tasks.Value * classes.Value, dataset.Name, dataset.Classes);
            tasks = null;
        }

        EquatableArray<int>? order = null;
        if (index["order"] is { } orderSetting && tasks is not null && classes is not null)
            order = BindOrder(context, orderSetting, tasks.Value * classes.Value, dataset.Classes);

        return new DataSpec(dataset.Name, tasks ?? 5, classes ?? 2, sample ?? dataset.SampleBytes, validation ?? 0.1, order);
    }

    private static EquatableArray<int>? BindOrder(BindContext context, SettingSyntax setting, int needed, int datasetClasses)
    {
        var value = setting.Values[0];
        var last = datasetClasses - 1;
        if (value is not ListSyntax list)
        {
            context.Report(DiagnosticDescriptors.InvalidClassOrder, value.Span, "a class order is a list, not a range", needed, last);
            return null;
        }
        if (list.Items.Count != needed)
        {
            context.Report(DiagnosticDescriptors.InvalidClassOrder, list.Span, "the order lists " + list.Items.Count + " classes but the tasks use " + needed, needed, last);
            return null;
        }
        var ids = new List<int>();
        var seen = new HashSet<int>();
        foreach (var item in list.Items)
        {
            var id = context.Count(item, "class id", 0, last);
            if (id is null) return null;
            if (!seen.Add(id.Value))
            {
                context.Report(DiagnosticDescriptors.InvalidClassOrder, item.Span, "class " + id.Value + " appears twice", needed, last);
                return null;
            }
            ids.Add(id.Value);
        }
        return ids.ToEquatableArray();
    }
}

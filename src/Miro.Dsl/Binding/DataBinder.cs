using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>data { dataset .. tasks .. classes .. per task  sample ..  validation ..  order [..] }</c>.</summary>
internal static class DataBinder
{
    public static DataSpec Default => new(DatasetCatalog.FashionMnist.Name, 5, 2, DatasetCatalog.FashionMnist.SampleBytes, 0.1, null);

    public static DataSpec Bind(BindContext context, SettingSyntax? section)
    {
        if (section is null) return Default;
        var index = new SettingIndex(context, section.Block, "the data section");

        var dataset = DatasetCatalog.FashionMnist;
        if (index.Word("dataset") is { } datasetWord)
        {
            var chosen = BindDataset(context, datasetWord);
            if (chosen is null) return Default;
            dataset = chosen;
        }

        var tasks = index.Quantity("tasks") is { } tasksValue ? context.Count(tasksValue, "tasks", 1) : 5;
        var classes = index.Quantity("classes") is { } classesValue ? context.Count(classesValue, "classes per task", 1) : 2;
        if (index["classes"] is { } c) SettingIndex.CheckClauses(context, c);
        var sample = index.Quantity("sample") is { } sampleValue ? context.Bytes(sampleValue, "sample") : dataset.SampleBytes;
        var validation = index.Quantity("validation") is { } validationValue
            ? context.Fraction(validationValue, "validation", allowZero: true, allowOne: false)
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

    // The catalog's names and aliases are accepted; the spec holds the canonical name.
    private static DatasetInfo? BindDataset(BindContext context, WordSyntax word)
    {
        if (DatasetCatalog.Find(word.Text) is { } found) return found;
        var names = DatasetCatalog.Names();
        context.Report(DiagnosticDescriptors.UnknownName, word.Span, "dataset", word.Text, SyntaxErrors.Join(names), Suggestions.DidYouMean(word.Text, names));
        return null;
    }

    private static EquatableArray<int>? BindOrder(BindContext context, SettingSyntax setting, int needed, int datasetClasses)
    {
        var value = setting.Value();
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

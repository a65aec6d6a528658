using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>train { model .. learner .. epochs .. batch .. threads .. replay .. loss .. optimizer .. }</c>.</summary>
internal static class TrainBinder
{
    public static readonly ModelSpec DefaultModel = new(ModelKind.Mlp, EquatableArray.Create(100, 100));
    public static readonly OptimizerSpec DefaultOptimizer = new(OptimizerKind.Sgd, 0.01, 0, 0);

    public static TrainSpec Default => new(DefaultModel, LearnerKind.Er, 1, 16, 1, ReplayMix.Concat, LossKind.CrossEntropy, DefaultOptimizer);

    public static TrainSpec Bind(BindContext context, SettingSyntax? section, DataSpec data)
    {
        if (section is null) return Default;
        var index = new SettingIndex(context, section.Block, "the train section");
        var d = Default;

        var model = index["model"] is { } modelSetting ? BindModel(context, modelSetting.Value()) ?? d.Model : d.Model;
        model = BindHead(context, index["head"], model, data);
        var learner = index.Word("learner") is { } l
            ? context.Choose(l, "learner", ("er", LearnerKind.Er), ("online_er", LearnerKind.OnlineEr)) ?? d.Learner
            : d.Learner;
        var epochs = index.Quantity("epochs") is { } e ? context.Count(e, "epochs", 1) ?? d.Epochs : d.Epochs;
        var batch = index.Quantity("batch") is { } b ? context.Count(b, "batch", 1) ?? d.Batch : d.Batch;
        var threads = index.Quantity("threads") is { } t ? context.Count(t, "threads", 1, 1024) ?? d.Threads : d.Threads;
        var replay = index.Word("replay") is { } r
            ? context.Choose(r, "replay mix", ("concat", ReplayMix.Concat), ("balanced", ReplayMix.Balanced)) ?? d.Replay
            : d.Replay;
        var loss = index.Word("loss") is { } lo
            ? context.Choose(lo, "loss", ("cross_entropy", LossKind.CrossEntropy), ("bce", LossKind.Bce)) ?? d.Loss
            : d.Loss;
        var optimizer = index["optimizer"] is { } o ? BindOptimizer(context, o.Value()) ?? d.Optimizer : d.Optimizer;
        return new TrainSpec(model, learner, epochs, batch, threads, replay, loss, optimizer);
    }

    private static readonly (string Name, WeightInit Value)[] Inits =
        { ("default", WeightInit.Default), ("xavier", WeightInit.Xavier), ("kaiming", WeightInit.Kaiming) };

    private static ModelSpec? BindModel(BindContext context, ValueSyntax value)
    {
        var name = value.CalleeName();
        var kind = context.Choose(name, "model", ("mlp", ModelKind.Mlp), ("cnn", ModelKind.Cnn),
            ("resnet18", ModelKind.ResNet18), ("reduced_resnet18", ModelKind.ReducedResNet18));
        if (kind is null) return null;
        var hidden = kind == ModelKind.Mlp ? DefaultModel.Hidden : EquatableArray<int>.Empty;
        var init = WeightInit.Default;
        var ok = true;
        foreach (var argument in Arguments(context, value, name.Text).Values)
        {
            switch (argument.Name.Text)
            {
                case "init":
                    var chosen = BindInit(context, argument.Value);
                    if (chosen is null) ok = false;
                    else init = chosen.Value;
                    break;
                case "hidden" when kind == ModelKind.Mlp:
                    var widths = BindHidden(context, argument.Value);
                    if (widths is null) ok = false;
                    else hidden = widths.Value;
                    break;
                default:
                    var allowed = kind == ModelKind.Mlp
                        ? "use hidden: [100, 100] or init: xavier"
                        : "remove it (" + name.Text + " has a fixed shape; it takes only init)";
                    context.Report(DiagnosticDescriptors.UnknownArgument, argument.Name.Span, name.Text, argument.Name.Text, allowed);
                    break;
            }
        }
        return ok ? new ModelSpec(kind.Value, hidden, init) : null;
    }

    private static WeightInit? BindInit(BindContext context, ValueSyntax value)
    {
        var names = new string[Inits.Length];
        for (var i = 0; i < names.Length; i++) names[i] = Inits[i].Name;
        if (value is WordSyntax word)
        {
            foreach (var (text, init) in Inits)
                if (text == word.Text) return init;
            context.Report(DiagnosticDescriptors.UnknownInit, word.Span, word.Text, Suggestions.DidYouMean(word.Text, names));
            return null;
        }
        context.Report(DiagnosticDescriptors.UnknownInit, value.Span, context.SourceText(value.Span), "");
        return null;
    }

    private static EquatableArray<int>? BindHidden(BindContext context, ValueSyntax value)
    {
        if (value is not ListSyntax list)
        {
            context.Report(DiagnosticDescriptors.OutOfRange, value.Span, "hidden", "not a list", "a list of layer widths such as [100, 100]");
            return null;
        }
        var widths = new List<int>();
        foreach (var item in list.Items)
        {
            var width = context.Count(item, "a hidden layer width", 1);
            if (width is null) return null;
            widths.Add(width.Value);
        }
        return widths.ToEquatableArray();
    }

    // A fixed head's size is a fact of the data set, resolved here so the runtime builds the
    // head from the spec alone.
    private static ModelSpec BindHead(BindContext context, SettingSyntax? setting, ModelSpec model, DataSpec data)
    {
        if (setting is null) return model;
        var dataset = DatasetCatalog.Find(data.Dataset) ?? DatasetCatalog.FashionMnist;
        var word = setting.Word();
        switch (word.Text)
        {
            case "incremental":
                return model with { Head = HeadKind.Incremental, HeadClasses = 0 };
            case "fixed":
                var used = (long)data.Tasks * data.ClassesPerTask;
                if (used < dataset.Classes)
                    context.Report(DiagnosticDescriptors.FixedHeadUnusedClasses, setting.Span, dataset.Classes, dataset.Name, used);
                return model with { Head = HeadKind.Fixed, HeadClasses = dataset.Classes };
            default:
                context.Report(DiagnosticDescriptors.UnknownHead, word.Span, word.Text,
                    Suggestions.DidYouMean(word.Text, new[] { "incremental", "fixed" }), dataset.Name);
                return model;
        }
    }

    private static OptimizerSpec? BindOptimizer(BindContext context, ValueSyntax value)
    {
        var name = value.CalleeName();
        var kind = context.Choose(name, "optimizer", ("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam));
        if (kind is null) return null;
        double lr = kind == OptimizerKind.Sgd ? 0.01 : 0.001, momentum = 0, weightDecay = 0;
        var allowed = kind == OptimizerKind.Sgd ? "use lr, momentum or weight_decay" : "use lr or weight_decay";
        foreach (var argument in Arguments(context, value, name.Text).Values)
        {
            if (argument.Value is not QuantitySyntax q)
            {
                context.Report(DiagnosticDescriptors.OutOfRange, argument.Value.Span, argument.Name.Text, context.SourceText(argument.Value.Span), "a number such as 0.01");
                continue;
            }
            switch (argument.Name.Text)
            {
                case "lr":
                    lr = context.Positive(q, QuantityKind.Count, "lr") ?? lr;
                    break;
                case "momentum" when kind == OptimizerKind.Sgd:
                    var m = context.Quantity(q, QuantityKind.Count, "momentum");
                    if (m is not null && (m < 0 || m >= 1))
                        context.Report(DiagnosticDescriptors.OutOfRange, q.Span, "momentum", BindContext.Text(q), "at least 0 and below 1");
                    else if (m is not null) momentum = m.Value;
                    break;
                case "weight_decay":
                    var w = context.Quantity(q, QuantityKind.Count, "weight_decay");
                    if (w is not null && w < 0)
                        context.Report(DiagnosticDescriptors.OutOfRange, q.Span, "weight_decay", BindContext.Text(q), "at least 0");
                    else if (w is not null) weightDecay = w.Value;
                    break;
                default:
                    context.Report(DiagnosticDescriptors.UnknownArgument, argument.Name.Span, name.Text, argument.Name.Text, allowed);
                    break;
            }
        }
        return new OptimizerSpec(kind.Value, lr, momentum, weightDecay);
    }

    /// <summary>The arguments of a call by name, reporting repeats; empty for a bare name.</summary>
    private static Dictionary<string, ArgumentSyntax> Arguments(BindContext context, ValueSyntax value, string owner)
    {
        var map = new Dictionary<string, ArgumentSyntax>();
        if (value is not CallSyntax call) return map;
        foreach (var argument in call.Arguments)
        {
            if (map.TryGetValue(argument.Name.Text, out var first))
                context.Report(DiagnosticDescriptors.Duplicate, argument.Name.Span, "argument '" + argument.Name.Text + "' of " + owner, context.LineOf(first.Span));
            else
                map[argument.Name.Text] = argument;
        }
        return map;
    }
}

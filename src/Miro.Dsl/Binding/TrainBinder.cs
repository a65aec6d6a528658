using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>train { model .. learner .. epochs .. batch .. threads .. replay .. loss .. optimizer .. }</c>.</summary>
internal static class TrainBinder
{
    public static readonly ModelSpec DefaultModel = new(ModelKind.Mlp, EquatableArray.Create(100, 100));
    public static readonly OptimizerSpec DefaultOptimizer = new(OptimizerKind.Sgd, 0.01, 0, 0);

    public static TrainSpec Default => new(DefaultModel, LearnerKind.Er, 1, 16, 1, ReplayMix.Concat, LossKind.CrossEntropy, DefaultOptimizer);

    public static TrainSpec Bind(BindContext context, SettingSyntax? section)
    {
        if (section is null) return Default;
        var index = new SettingIndex(context, section.Block, "the train section");
        var d = Default;

        var model = index["model"] is { } modelSetting ? BindModel(context, modelSetting.Value()) ?? d.Model : d.Model;
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

    private static ModelSpec? BindModel(BindContext context, ValueSyntax value)
    {
        var name = value.CalleeName();
        var kind = context.Choose(name, "model", ("mlp", ModelKind.Mlp), ("cnn", ModelKind.Cnn),
            ("resnet18", ModelKind.ResNet18), ("reduced_resnet18", ModelKind.ReducedResNet18));
        if (kind is null) return null;
        var arguments = Arguments(context, value, name.Text);
        if (kind != ModelKind.Mlp)
        {
            foreach (var argument in arguments.Values)
                context.Report(DiagnosticDescriptors.UnknownArgument, argument.Name.Span, name.Text, argument.Name.Text, "remove it (" + name.Text + " has a fixed shape)");
            return new ModelSpec(kind.Value, EquatableArray<int>.Empty);
        }
        var hidden = DefaultModel.Hidden;
        foreach (var argument in arguments.Values)
        {
            if (argument.Name.Text != "hidden")
            {
                context.Report(DiagnosticDescriptors.UnknownArgument, argument.Name.Span, "mlp", argument.Name.Text, "use hidden: [100, 100]");
                continue;
            }
            if (argument.Value is not ListSyntax list)
            {
                context.Report(DiagnosticDescriptors.OutOfRange, argument.Value.Span, "hidden", "not a list", "a list of layer widths such as [100, 100]");
                return null;
            }
            var widths = new List<int>();
            foreach (var item in list.Items)
            {
                var width = context.Count(item, "a hidden layer width", 1);
                if (width is null) return null;
                widths.Add(width.Value);
            }
            hidden = widths.ToEquatableArray();
        }
        return new ModelSpec(ModelKind.Mlp, hidden);
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
                context.Report(DiagnosticDescriptors.OutOfRange, argument.Value.Span, argument.Name.Text, "a list", "a number such as 0.01");
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

using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>profile { from task ..  sample ..  trial ..  warmup ..  keep top ..  navigate ..  objective .. }</c>.</summary>
internal static class ProfileBinder
{
    public static ProfileSpec Defaults => new(2, 0.05, 1, 0, 0.4, NavigationKind.Grid, 1.0, Objective.AccuracyPerJoule);

    public static ProfileSpec? Bind(BindContext context, SettingSyntax? section)
    {
        if (section is null) return null;
        var index = new SettingIndex(context, section.Block, "the profile section");
        var d = Defaults;
        var from = index.Quantity("from") is { } f ? context.Count(f, "from task", 1) ?? d.FromTask : d.FromTask;
        var sample = index.Quantity("sample") is { } s ? context.Fraction(s, "profile sample") ?? d.SampleFraction : d.SampleFraction;
        var trial = index.Quantity("trial") is { } t ? context.Count(t, "trial epochs", 1) ?? d.TrialEpochs : d.TrialEpochs;
        var warmup = index.Quantity("warmup") is { } w ? context.Count(w, "warmup epochs", 0) ?? d.WarmupEpochs : d.WarmupEpochs;
        var keep = index.Quantity("keep") is { } k ? context.Fraction(k, "keep top") ?? d.KeepTopFraction : d.KeepTopFraction;

        var navigation = d.Navigation;
        var randomFraction = d.RandomFraction;
        if (index["navigate"] is { } n)
        {
            var how = n.Word();
            navigation = context.Choose(how, "navigation", ("grid", NavigationKind.Grid), ("random", NavigationKind.Random)) ?? d.Navigation;
            var fraction = n.NavigationFraction();
            if (how.Text == "random")
            {
                if (fraction is null)
                    context.ReportMissing(how.Span, "navigate random", "the fraction of candidates to try", "navigate random 20%");
                else
                    randomFraction = context.Fraction(fraction, "navigate random") ?? d.RandomFraction;
            }
            else if (how.Text == "grid" && fraction is not null)
            {
                context.Report(DiagnosticDescriptors.UnknownArgument, fraction.Span, "navigate grid", BindContext.Text(fraction),
                    "grid tries every candidate; remove it or write 'navigate random " + BindContext.Text(fraction) + "'");
            }
        }

        var objective = d.Objective;
        if (index["objective"] is { } o)
            objective = context.Choose(o.Word(), "objective",
                ("accuracy per joule", Objective.AccuracyPerJoule), ("accuracy", Objective.Accuracy), ("energy", Objective.Energy)) ?? d.Objective;

        return new ProfileSpec(from, sample, trial, warmup, keep, navigation, randomFraction, objective);
    }
}

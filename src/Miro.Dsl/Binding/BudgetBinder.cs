using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>budget { energy 40 kJ per task on exceed degrade ... }</c>: at most one budget per scope.</summary>
internal static class BudgetBinder
{
    public static EquatableArray<BudgetSpec> Bind(BindContext context, SettingSyntax? section)
    {
        if (section is null) return EquatableArray<BudgetSpec>.Empty;
        var index = new SettingIndex(context, section.Block, "the budget section", "energy");
        var budgets = new List<BudgetSpec>();
        var scopes = new Dictionary<BudgetScope, SettingSyntax>();
        foreach (var setting in index.All("energy"))
        {
            SettingIndex.CheckClauses(context, setting);
            var energy = context.Positive(setting.Quantity(), QuantityKind.Energy, "energy budget");
            var scope = BudgetScope.PerTask;
            if (setting.Clause("per") is { } per)
                scope = context.Choose(per.Word(), "budget scope", ("task", BudgetScope.PerTask), ("run", BudgetScope.PerRun)) ?? BudgetScope.PerTask;
            var action = ExceedAction.Warn;
            if (setting.Clause("on exceed") is { } onExceed)
                action = context.Choose(onExceed.Word(), "exceed action",
                    ("stop", ExceedAction.Stop), ("degrade", ExceedAction.Degrade), ("warn", ExceedAction.Warn)) ?? ExceedAction.Warn;
            if (scopes.TryGetValue(scope, out var first))
            {
                context.Report(DiagnosticDescriptors.Duplicate, setting.Keyword.Span,
                    "an energy budget per " + (scope == BudgetScope.PerTask ? "task" : "run"), context.LineOf(first.Span));
                continue;
            }
            scopes[scope] = setting;
            if (energy is not null) budgets.Add(new BudgetSpec(energy.Value, scope, action));
        }
        return budgets.ToEquatableArray();
    }
}

using System.Collections.Generic;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>The settings of one block by keyword, reporting a setting declared twice (MIRO2002)
/// unless it is one that may repeat (budgets, tune entries, when rules).</summary>
internal sealed class SettingIndex
{
    private readonly Dictionary<string, List<SettingSyntax>> _byName = new();

    public SettingIndex(BindContext context, BlockSyntax? block, string where, params string[] repeatable)
    {
        if (block is null) return;
        foreach (var setting in block.Settings)
        {
            if (!_byName.TryGetValue(setting.Name, out var list))
            {
                _byName[setting.Name] = list = new List<SettingSyntax>();
            }
            else if (System.Array.IndexOf(repeatable, setting.Name) < 0)
            {
                context.Report(DiagnosticDescriptors.Duplicate, setting.Keyword.Span,
                    "'" + setting.Name + "' in " + where, context.LineOf(list[0].Keyword.Span));
            }
            list.Add(setting);
        }
    }

    /// <summary>The first setting named <paramref name="name"/>, or null.</summary>
    public SettingSyntax? this[string name] => _byName.TryGetValue(name, out var list) ? list[0] : null;

    /// <summary>The quantity of the first <c>name quantity</c> setting, or null when absent.</summary>
    public QuantitySyntax? Quantity(string name) => this[name]?.Quantity();

    /// <summary>The word of the first <c>name word</c> setting, or null when absent.</summary>
    public WordSyntax? Word(string name) => this[name]?.Word();

    /// <summary>Every setting named <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<SettingSyntax> All(string name) => _byName.TryGetValue(name, out var list) ? list : new List<SettingSyntax>();

    /// <summary>Reports clauses given twice on one setting (<c>every 1 every 2</c>).</summary>
    public static void CheckClauses(BindContext context, SettingSyntax setting)
    {
        var first = new Dictionary<string, ClauseSyntax>();
        foreach (var clause in setting.Clauses)
        {
            if (!first.TryGetValue(clause.Keyword.Text, out var earlier))
            {
                first[clause.Keyword.Text] = clause;
                continue;
            }
            context.Report(DiagnosticDescriptors.Duplicate, clause.Keyword.Span,
                "'" + clause.Keyword.Text + "' on '" + setting.Name + "'", context.LineOf(earlier.Keyword.Span));
        }
    }
}

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

    /// <summary>Every setting named <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<SettingSyntax> All(string name) => _byName.TryGetValue(name, out var list) ? list : new List<SettingSyntax>();

    /// <summary>Reports clauses given twice on one setting (<c>every 1 every 2</c>).</summary>
    public static void CheckClauses(BindContext context, SettingSyntax setting)
    {
        for (var i = 0; i < setting.Clauses.Count; i++)
            for (var j = 0; j < i; j++)
                if (setting.Clauses[i].Keyword.Text == setting.Clauses[j].Keyword.Text)
                {
                    context.Report(DiagnosticDescriptors.Duplicate, setting.Clauses[i].Keyword.Span,
                        "'" + setting.Clauses[i].Keyword.Text + "' on '" + setting.Name + "'", context.LineOf(setting.Clauses[j].Keyword.Span));
                    break;
                }
    }
}

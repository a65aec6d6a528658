using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds one <c>policy</c> block: each section, then the cross-section checks.</summary>
internal static class PolicyBinder
{
    public static PolicySpec Bind(BindContext context, PolicySyntax policy)
    {
        var index = new SettingIndex(context, policy.Body, "policy '" + policy.Name.Text + "'", "when");
        CSharpNames.Check(context, policy.Name, "policy class");
        string? ns = null;
        if (index["namespace"] is { } n)
        {
            var path = n.Path();
            foreach (var part in path.Parts) CSharpNames.Check(context, part, "namespace");
            ns = path.Text;
        }
        var device = DeviceBinder.Bind(context, index["device"], policy);
        var data = DataBinder.Bind(context, index["data"]);
        var memory = MemoryBinder.Bind(context, index["memory"], policy);
        var train = TrainBinder.Bind(context, index["train"], data);
        var budgets = BudgetBinder.Bind(context, index["budget"]);
        var tunables = TuneBinder.Bind(context, index["tune"]);
        var profile = ProfileBinder.Bind(context, index["profile"]);

        var rules = new List<WhenRuleSpec>();
        foreach (var rule in index.All("when"))
            if (WhenBinder.Bind(context, rule, tunables) is { } bound) rules.Add(bound);

        PolicyChecks.Run(context, index, device, data, memory, train, tunables, profile);

        var specs = new TunableSpec[tunables.Count];
        for (var i = 0; i < specs.Length; i++) specs[i] = tunables[i].ToSpec();
        return new PolicySpec(policy.Name.Text, ns, device, data, memory, train, budgets,
            new EquatableArray<TunableSpec>(specs), profile, rules.ToEquatableArray());
    }
}

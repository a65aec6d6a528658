using System.Collections.Generic;
using System.Linq;
using Sprache;
using static Miro.Dsl.Syntax.ValueGrammar;

namespace Miro.Dsl.Syntax;

/// <summary>
/// The grammar of .miro files (docs/language.md). Each setting starts with its own keyword; once
/// the keyword matches the setting is committed (<c>XOr</c>), so an error inside it is reported
/// where it occurs instead of as "unknown setting". Blocks recover from errors (see
/// <see cref="RecoveringBlock"/>).
/// </summary>
internal static class MiroGrammar
{
    private static readonly IReadOnlyList<ValueSyntax> NoValues = new ValueSyntax[0];
    private static readonly IReadOnlyList<ClauseSyntax> NoClauses = new ClauseSyntax[0];

    private static Parser<WordSyntax> Kw(string keyword) => Lexical.Keyword(keyword);

    private static SettingSyntax Setting(WordSyntax keyword, IReadOnlyList<ValueSyntax> values, IReadOnlyList<ClauseSyntax>? clauses = null, BlockSyntax? block = null, IOption<WordSyntax>? trailingWord = null)
    {
        // The span covers the whole setting, so generated docs quote all of it ("trial 1 epoch").
        var span = keyword.Span;
        if (trailingWord is { IsDefined: true }) span = span.Cover(trailingWord.Get().Span);
        foreach (var v in values) span = span.Cover(v.Span);
        foreach (var c in clauses ?? NoClauses) span = span.Cover(c.Span);
        if (block is not null) span = span.Cover(block.Span);
        return new SettingSyntax(keyword, values, clauses ?? NoClauses, block, span);
    }

    /// <summary><c>keyword value</c></summary>
    private static Parser<SettingSyntax> Simple(string keyword, Parser<ValueSyntax> value) =>
        from k in Kw(keyword)
        from v in value
        select Setting(k, new[] { v });

    /// <summary><c>keyword value</c> as an optional trailing part of a setting.</summary>
    private static Parser<ClauseSyntax> Clause(string keyword, Parser<ValueSyntax> value) =>
        from k in Kw(keyword)
        from v in value
        select new ClauseSyntax(k, v, k.Span.Cover(v.Span));

    /// <summary>Trailing clauses in any order (duplicates are reported by the binder).</summary>
    private static Parser<IReadOnlyList<ClauseSyntax>> Clauses(params Parser<ClauseSyntax>[] clauses) =>
        clauses.Aggregate((a, b) => a.XOr(b)).XMany().Select(c => (IReadOnlyList<ClauseSyntax>)c.ToList());

    private static readonly Parser<WordSyntax> EpochWord = Kw("epochs").Or(Kw("epoch"));

    /// <summary><c>keyword block</c> — a section.</summary>
    private static Parser<SettingSyntax> Section(string keyword, string context, Parser<SettingSyntax> item, string[] items, string[] enclosing) =>
        from k in Kw(keyword)
        from block in RecoveringBlock.Of(context, item, items, enclosing)
        select Setting(k, NoValues, block: block);

    private static Parser<SettingSyntax> Choice(params Parser<SettingSyntax>[] settings) => settings.Aggregate((a, b) => a.XOr(b));

    private static readonly Parser<ValueSyntax> Name = Lexical.Identifier;

    // ---- device ----

    private static readonly Parser<SettingSyntax> StorageEnergyItem = Choice(
        Simple("read", QuantityOf("an energy per byte such as 3.6 nJ/B")),
        Simple("write", QuantityOf("an energy per byte such as 6.3 nJ/B")));

    private static readonly Parser<SettingSyntax> PowerItem = Choice(
        Simple("idle", QuantityOf("a power such as 1.9 W")),
        Simple("active", QuantityOf("a power such as 6.5 W")));

    private static readonly Parser<SettingSyntax> DeviceItem = Choice(
        Simple("dram", QuantityOf("a size such as 4 GiB")),
        from k in Kw("storage")
        from kind in Name.Named("a storage kind (emmc, sd, nvme, ssd or ufs)")
        from capacity in QuantityOf("a size such as 16 GiB")
        from block in RecoveringBlock.Of("the storage block", StorageEnergyItem, Keywords.StorageEnergyItems, Keywords.DeviceItems).XOptional()
        select Setting(k, new ValueSyntax[] { kind, capacity }, block: block.GetOrDefault()),
        Section("power", "the power block", PowerItem, Keywords.PowerItems, Keywords.DeviceItems),
        Simple("meter", Name.Named("a meter (auto, ina3221, rapl, hwmon, battery or model)")),
        Simple("compute", QuantityOf("an energy per operation such as 20 pJ/flop")));

    // ---- data ----

    private static readonly Parser<SettingSyntax> DataItem = Choice(
        Simple("dataset", Name.Named("a dataset (fashion_mnist, mnist, cifar10 or cifar100)")),
        Simple("tasks", QuantityOf("a number of tasks such as 5")),
        from k in Kw("classes")
        from count in QuantityOf("a number of classes such as 2")
        from per in Clauses(Clause("per", Kw("task")))
        select Setting(k, new[] { count }, per),
        Simple("sample", QuantityOf("a sample size such as 3136 B")),
        Simple("validation", QuantityOf("a percentage such as 10%")),
        Simple("order", ListOrRange.Named("a list of class ids such as [0, 1, 2]")));

    // ---- memory ----

    private static readonly Parser<ClauseSyntax> EveryClause =
        from k in Kw("every")
        from count in QuantityOf("a number of epochs such as 1")
        from unit in EpochWord.XOptional()
        select new ClauseSyntax(k, count, k.Span.Cover(unit.IsDefined ? unit.Get().Span : count.Span));

    private static readonly Parser<ClauseSyntax> OnCorruptClause =
        from onWord in Kw("on")
        from corrupt in Kw("corrupt")
        from action in Name.Named("skip or fail")
        select new ClauseSyntax(new WordSyntax("on corrupt", onWord.Span.Cover(corrupt.Span)), action, onWord.Span.Cover(action.Span));

    private static readonly Parser<SettingSyntax> MemoryItem = Choice(
        from k in Kw("stream")
        from c in Kw("capacity")
        from q in QuantityOf("a number of samples such as 768")
        select Setting(k, new[] { q }),
        from k in Kw("episodic")
        from c in Kw("capacity")
        from q in QuantityOf("a number of samples such as 500")
        from clauses in Clauses(Clause("select", Name.Named("balanced or reservoir")))
        select Setting(k, new[] { q }, clauses),
        from k in Kw("storage")
        from c in Kw("capacity")
        from q in QuantityOf("a size such as 512 MiB").Select(v => (ValueSyntax)v).XOr(Kw("unbounded")).Named("a size such as 512 MiB, or unbounded")
        from clauses in Clauses(Clause("at", Lexical.String), OnCorruptClause)
        select Setting(k, new[] { q }, clauses),
        from k in Kw("swap")
        from r in Kw("ratio")
        from q in QuantityOf("a percentage such as 25%")
        from clauses in Clauses(EveryClause, Clause("policy", Name.Named("random or entropy")))
        select Setting(k, new[] { q }, clauses));

    // ---- train ----

    private static readonly Parser<SettingSyntax> TrainItem = Choice(
        Simple("model", NameOrCall.Named("a model such as mlp(hidden: [100, 100]), cnn, resnet18 or reduced_resnet18")),
        Simple("head", Name.Named("a head (incremental or fixed)")),
        Simple("learner", Name.Named("a learner (er or online_er)")),
        Simple("epochs", QuantityOf("a number of epochs such as 1")),
        Simple("batch", QuantityOf("a batch size such as 16")),
        Simple("threads", QuantityOf("a number of threads such as 1")),
        Simple("replay", Name.Named("concat or balanced")),
        Simple("loss", Name.Named("cross_entropy or bce")),
        Simple("optimizer", NameOrCall.Named("an optimizer such as sgd(lr: 0.01) or adam(lr: 0.001)")));

    // ---- budget ----

    private static readonly Parser<ClauseSyntax> OnExceedClause =
        from onWord in Kw("on")
        from exceed in Kw("exceed")
        from action in Name.Named("stop, degrade or warn")
        select new ClauseSyntax(new WordSyntax("on exceed", onWord.Span.Cover(exceed.Span)), action, onWord.Span.Cover(action.Span));

    private static readonly Parser<SettingSyntax> BudgetItem =
        from k in Kw("energy")
        from q in QuantityOf("an energy such as 40 kJ")
        from clauses in Clauses(Clause("per", Name.Named("task or run")), OnExceedClause)
        select Setting(k, new[] { q }, clauses);

    // ---- tune and when ----

    private static readonly Parser<SettingSyntax> TuneItem =
        from path in Lexical.Path
        from k in Kw("in")
        from values in Candidates
        select Setting(new WordSyntax(path.Text, path.Span), new ValueSyntax[] { path, values });

    private static readonly Parser<SettingSyntax> WhenItem =
        from k in Kw("tune")
        from path in Lexical.Path.Named("a tunable such as episodic.capacity")
        from i in Kw("in")
        from values in Candidates
        select Setting(k, new ValueSyntax[] { path, values });

    // ---- profile ----

    private static readonly Parser<SettingSyntax> ProfileItem = Choice(
        from k in Kw("from")
        from t in Kw("task")
        from q in QuantityOf("a task number such as 2")
        select Setting(k, new[] { q }),
        Simple("sample", QuantityOf("a percentage such as 10%")),
        from k in Kw("trial")
        from q in QuantityOf("a number of epochs such as 1")
        from e in EpochWord.XOptional()
        select Setting(k, new[] { q }, trailingWord: e),
        from k in Kw("warmup")
        from q in QuantityOf("a number of epochs such as 0")
        from e in EpochWord.XOptional()
        select Setting(k, new[] { q }, trailingWord: e),
        from k in Kw("keep")
        from t in Kw("top")
        from q in QuantityOf("a percentage such as 40%")
        select Setting(k, new[] { q }),
        from k in Kw("navigate")
        from how in Name.Named("grid or random")
        from fraction in QuantityOf("a percentage such as 20%").XOptional()
        select Setting(k, fraction.IsDefined ? new ValueSyntax[] { how, fraction.Get() } : new ValueSyntax[] { how }),
        Simple("objective", Phrase.Named("accuracy per joule, accuracy or energy")));

    // ---- policy ----

    private static readonly Parser<SettingSyntax> PolicyItem = Choice(
        Simple("namespace", Lexical.Path.Named("a namespace such as Contoso.Edge")),
        Section("device", "the device section", DeviceItem, Keywords.DeviceItems, Keywords.PolicyItems),
        Section("data", "the data section", DataItem, Keywords.DataItems, Keywords.PolicyItems),
        Section("memory", "the memory section", MemoryItem, Keywords.MemoryItems, Keywords.PolicyItems),
        Section("train", "the train section", TrainItem, Keywords.TrainItems, Keywords.PolicyItems),
        Section("budget", "the budget section", BudgetItem, Keywords.BudgetItems, Keywords.PolicyItems),
        Section("tune", "the tune section", TuneItem, Keywords.TuneItems, Keywords.PolicyItems),
        Section("profile", "the profile section", ProfileItem, Keywords.ProfileItems, Keywords.PolicyItems),
        from k in Kw("when")
        from condition in Condition
        from block in RecoveringBlock.Of("the when rule", WhenItem, Keywords.WhenItems, Keywords.PolicyItems)
        select Setting(k, new ValueSyntax[] { condition }, block: block));

    private static readonly Parser<PolicySyntax> Policy =
        from k in Kw("policy")
        from name in Lexical.Identifier.Named("a policy name such as JetsonNano")
        from body in RecoveringBlock.Of("the policy", PolicyItem, Keywords.PolicyItems)
        select new PolicySyntax(k, name, body, k.Span.Cover(body.Span));

    /// <summary>The whole file: any number of policies, then the end.</summary>
    public static readonly Parser<FileSyntax> File = RecoveringBlock.File(Policy).End();
}

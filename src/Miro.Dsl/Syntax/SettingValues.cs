using System;

namespace Miro.Dsl.Syntax;

/// <summary>
/// Typed reads of a setting's values, one per shape the grammar (<see cref="MiroGrammar"/>)
/// produces, so binders name what they read instead of casting <c>Values[n]</c>. A mismatch is a
/// grammar bug, not bad input: it throws, and the compiler's safety net turns it into MIRO1999.
/// </summary>
internal static class SettingValues
{
    /// <summary><c>keyword quantity</c>: <c>dram 4 GiB</c>, <c>epochs 10</c>, <c>swap ratio 25%</c>.</summary>
    public static QuantitySyntax Quantity(this SettingSyntax setting) => At<QuantitySyntax>(setting, 0);

    /// <summary><c>keyword name</c>: <c>meter auto</c>, <c>replay concat</c>, <c>objective accuracy per joule</c>.</summary>
    public static WordSyntax Word(this SettingSyntax setting) => At<WordSyntax>(setting, 0);

    /// <summary>The single value of a setting whose value has several forms:
    /// <c>model mlp(..)</c> or <c>model cnn</c>, <c>order [..]</c>, <c>storage capacity 512 MiB</c> or <c>.. unbounded</c>.</summary>
    public static ValueSyntax Value(this SettingSyntax setting) => At<ValueSyntax>(setting, 0);

    /// <summary>The dotted name of <c>namespace A.B</c>, of a tune entry and of a when rule's <c>tune</c> entry.</summary>
    public static PathSyntax Path(this SettingSyntax setting) => At<PathSyntax>(setting, 0);

    /// <summary>The candidate values of <c>path in {..}</c> or <c>path in [a .. b step s]</c>.</summary>
    public static ValueSyntax Candidates(this SettingSyntax setting) => At<ValueSyntax>(setting, 1);

    /// <summary>The condition of <c>when dram.available &lt; 1 GiB { .. }</c>.</summary>
    public static ConditionSyntax Condition(this SettingSyntax setting) => At<ConditionSyntax>(setting, 0);

    /// <summary>The technology of <c>storage emmc 16 GiB { .. }</c> in the device block.</summary>
    public static WordSyntax StorageKind(this SettingSyntax setting) => At<WordSyntax>(setting, 0);

    /// <summary>The capacity of <c>storage emmc 16 GiB { .. }</c> in the device block.</summary>
    public static QuantitySyntax StorageCapacity(this SettingSyntax setting) => At<QuantitySyntax>(setting, 1);

    /// <summary>The optional fraction of <c>navigate random 20%</c>, or null.</summary>
    public static QuantitySyntax? NavigationFraction(this SettingSyntax setting) =>
        setting.Values.Count > 1 ? At<QuantitySyntax>(setting, 1) : null;

    /// <summary>The word of a clause: <c>select balanced</c>, <c>policy entropy</c>, <c>per task</c>, <c>on exceed warn</c>.</summary>
    public static WordSyntax Word(this ClauseSyntax clause) => Of<WordSyntax>(clause);

    /// <summary>The quantity of a clause: <c>every 2 epochs</c>.</summary>
    public static QuantitySyntax Quantity(this ClauseSyntax clause) => Of<QuantitySyntax>(clause);

    /// <summary>The string of a clause: <c>at "miro-store"</c>.</summary>
    public static StringSyntax String(this ClauseSyntax clause) => Of<StringSyntax>(clause);

    /// <summary>The model or optimizer name of <c>mlp(hidden: [..])</c> or of a bare <c>cnn</c>.</summary>
    public static WordSyntax CalleeName(this ValueSyntax value) => value switch
    {
        CallSyntax call => call.Name,
        WordSyntax word => word,
        _ => throw new InvalidOperationException("the grammar gave a " + value.GetType().Name + " where a name or call belongs"),
    };

    private static T Of<T>(ClauseSyntax clause) where T : ValueSyntax =>
        clause.Value as T ?? throw new InvalidOperationException("the grammar gave clause '" + clause.Keyword.Text + "' no " + typeof(T).Name);

    private static T At<T>(SettingSyntax setting, int position) where T : ValueSyntax =>
        position < setting.Values.Count && setting.Values[position] is T value
            ? value
            : throw new InvalidOperationException(
                "the grammar gave '" + setting.Name + "' no " + typeof(T).Name + " at position " + position);
}

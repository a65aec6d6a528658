namespace Miro.Dsl.Model;

/// <summary>Where one setting of a policy is written, and its text as generated docs quote it.</summary>
/// <param name="Key"><c>policy</c> for the header, the section (<c>device</c>, <c>when</c>, ...) for a section,
/// <c>section.setting</c> for a setting in it (<c>device.dram</c>, <c>tune.episodic.capacity</c>).</param>
/// <param name="Line">0-based line of the setting's first character.</param>
/// <param name="Column">0-based column of the setting's first character.</param>
/// <param name="Start">Character offset of the setting's first character.</param>
/// <param name="Text">The setting's first line, without comments and without a block-opening brace.</param>
internal sealed record SpecSource(string Key, int Line, int Column, int Start, string Text);

/// <summary>
/// The spans the parser gave one policy's settings, for the generator's doc comments. It travels
/// beside the <see cref="PolicySpec"/>, never in it, so two specs that say the same thing in
/// different layouts stay equal (a spec bound at run time equals the generated one).
/// </summary>
/// <param name="Entries">Every section and setting of the policy, in source order.</param>
internal sealed record SpecSourceMap(EquatableArray<SpecSource> Entries)
{
    /// <summary>The <paramref name="occurrence"/>-th (0-based) entry with <paramref name="key"/>, or null.</summary>
    public SpecSource? Find(string key, int occurrence = 0)
    {
        foreach (var entry in Entries)
            if (entry.Key == key && occurrence-- == 0) return entry;
        return null;
    }
}

namespace Miro.Cli.Sweeps;

/// <summary>The parsed arguments of <c>miro sweep</c>.</summary>
/// <param name="SpecPath">The spec to sweep (null with <c>--collect</c>).</param>
/// <param name="Seeds">Seeds per configuration.</param>
/// <param name="Parallel">Runs at once (null: one locally; the scheduler decides when emitting).</param>
/// <param name="OutputDirectory">Where run folders and the table go.</param>
/// <param name="DataDirectory">Passed to every run as <c>--data</c>.</param>
/// <param name="Threads">Passed to every run as <c>--threads</c>.</param>
/// <param name="PolicyName">The policy, when the spec has several.</param>
/// <param name="Emit">Write jobs for a scheduler instead of running them.</param>
/// <param name="CollectDirectory">Build the table from run folders below this directory instead of running.</param>
/// <param name="MiroCommand">How emitted jobs start <c>miro</c>.</param>
/// <param name="Image">The container image of an emitted Kubernetes Job.</param>
internal sealed record SweepOptions(string? SpecPath, int Seeds, int? Parallel, string? OutputDirectory, string? DataDirectory, int? Threads, string? PolicyName,
    EmitFormat? Emit, string? CollectDirectory, string MiroCommand, string Image)
{
    /// <summary>The option set's rule the parser cannot express: what <c>--collect</c> excludes, and that a spec or <c>--collect</c> is needed.</summary>
    public string? Problem => CollectDirectory is not null && (SpecPath is not null || Emit is not null)
        ? "--collect builds the table from finished run folders; give no spec and no --emit with it."
        : CollectDirectory is null && SpecPath is null ? "no spec file given (or --collect DIR)." : null;
}

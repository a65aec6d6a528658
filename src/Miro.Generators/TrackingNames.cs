namespace Miro.Generators;

/// <summary>
/// Names of the pipeline steps, so tests can assert how each step ran
/// (<c>Cached</c>, <c>Unchanged</c>, <c>Modified</c>, <c>New</c>).
/// </summary>
internal static class TrackingNames
{
    /// <summary>Each additional file: a (path, text) record for a <c>.miro</c> file, null for any other.</summary>
    public const string AdditionalFiles = nameof(AdditionalFiles);

    /// <summary>The <c>.miro</c> files' (path, text) records.</summary>
    public const string SourceFiles = nameof(SourceFiles);

    /// <summary>Each file parsed and bound into policies and diagnostics.</summary>
    public const string CompiledFiles = nameof(CompiledFiles);

    /// <summary>The consumer project's <c>RootNamespace</c> build property.</summary>
    public const string RootNamespace = nameof(RootNamespace);

    /// <summary>Each compiled file paired with the root namespace.</summary>
    public const string WithNamespace = nameof(WithNamespace);

    /// <summary>The full names of the types each file generates.</summary>
    public const string DeclaredTypes = nameof(DeclaredTypes);

    /// <summary>Types that more than one file generates (collected over all files).</summary>
    public const string DuplicateTypes = nameof(DuplicateTypes);

    /// <summary>Each file with everything it needs to emit.</summary>
    public const string EmitInputs = nameof(EmitInputs);
}

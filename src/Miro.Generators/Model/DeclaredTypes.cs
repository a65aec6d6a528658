using Miro.Dsl.Model;

namespace Miro.Generators.Model;

/// <summary>The full names of the policy types one .miro file generates.</summary>
internal sealed record DeclaredTypes(string Path, EquatableArray<string> TypeNames);

/// <summary>A type that more than one .miro file generates, and the file that keeps it (the first by ordinal path).</summary>
internal sealed record DuplicateType(string TypeName, string OwnerPath);

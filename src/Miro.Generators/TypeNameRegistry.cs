using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Miro.Dsl.Model;
using Miro.Generators.Emit;
using Miro.Generators.Model;

namespace Miro.Generators;

/// <summary>
/// Finds policy types that two .miro files would both generate. Roslyn rejects the second
/// source with the same hint name by failing the whole generator (CS8785), so the pipeline
/// settles ownership first: the file with the smallest path emits, the others report MIRO3003.
/// </summary>
internal static class TypeNameRegistry
{
    /// <summary>The types <paramref name="file"/> generates in <paramref name="rootNamespace"/>.</summary>
    public static DeclaredTypes Of(SpecFileResult file, string rootNamespace)
    {
        var names = new string[file.Policies.Count];
        for (var i = 0; i < names.Length; i++) names[i] = FullTypeName(file.Policies[i].Spec, rootNamespace);
        return new DeclaredTypes(file.Path, new EquatableArray<string>(names));
    }

    /// <summary>The generated type's namespace-qualified name.</summary>
    public static string FullTypeName(PolicySpec spec, string rootNamespace) =>
        PolicyEmitter.NamespaceOf(spec, rootNamespace) + "." + PolicyEmitter.TypeNameOf(spec);

    /// <summary>Every type declared by more than one file, with its owner; usually empty.</summary>
    public static EquatableArray<DuplicateType> Duplicates(ImmutableArray<DeclaredTypes> files)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var name in file.TypeNames)
            {
                if (!owners.TryGetValue(name, out var owner))
                {
                    owners[name] = file.Path;
                    continue;
                }

                if (owner == file.Path) continue; // the binder reports duplicates inside one file
                duplicated.Add(name);
                if (string.CompareOrdinal(file.Path, owner) < 0) owners[name] = file.Path;
            }
        }

        var result = new List<DuplicateType>();
        foreach (var name in duplicated) result.Add(new DuplicateType(name, owners[name]));
        return result.ToEquatableArray();
    }
}

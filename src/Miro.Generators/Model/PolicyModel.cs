using Miro.Dsl.Model;

namespace Miro.Generators.Model;

/// <summary>A bound policy plus the spec lines its generated members quote.</summary>
/// <param name="Spec">The bound specification.</param>
/// <param name="Lines">The policy block's lines, classified by block.</param>
internal sealed record PolicyModel(PolicySpec Spec, EquatableArray<SourceLine> Lines);

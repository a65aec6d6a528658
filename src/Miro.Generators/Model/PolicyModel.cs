using Miro.Dsl.Model;

namespace Miro.Generators.Model;

/// <summary>A bound policy plus where its settings are written, which generated members quote.</summary>
/// <param name="Spec">The bound specification.</param>
/// <param name="Sources">The spans of the policy's settings, from the parser.</param>
internal sealed record PolicyModel(PolicySpec Spec, SpecSourceMap Sources);

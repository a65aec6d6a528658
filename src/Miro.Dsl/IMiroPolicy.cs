using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>
/// A compiled policy. The source generator emits one implementation per <c>policy</c> block; the
/// runtime accepts any implementation (or a bare <see cref="PolicySpec"/>).
/// </summary>
public interface IMiroPolicy
{
    /// <summary>The bound specification.</summary>
    PolicySpec Spec { get; }
}

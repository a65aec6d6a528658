using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Miro.Generators.Model;

/// <summary>
/// An equatable stand-in for a <see cref="Location"/> in a <c>.miro</c> file; it becomes a real
/// <see cref="Location"/> only when a diagnostic is reported, so pipeline outputs stay cacheable.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>The start of <paramref name="filePath"/>.</summary>
    public static LocationInfo StartOf(string filePath) => new(filePath, default, default);

    /// <summary>The external-file location the compiler prints as <c>path(line,col)</c>.</summary>
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}

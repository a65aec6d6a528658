using System.Text.Json;
using System.Text.Json.Serialization;

namespace Miro.Cli;

/// <summary>How <c>--json</c> results are written: camelCase like the run reports, NaN as a string, indented.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

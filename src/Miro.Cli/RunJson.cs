using System.Text.Json.Nodes;
using Miro.Runtime.Evaluation;

namespace Miro.Cli;

/// <summary>The one JSON document `miro run --json` prints: where the reports are, and the run summary as summary.json has it.</summary>
internal static class RunJson
{
    public static string Format(string outputDirectory, SessionResult result)
    {
        var json = new JsonObject
        {
            ["outputDirectory"] = outputDirectory,
            ["summary"] = JsonNode.Parse(ReportWriter.ToJson(result)),
        };
        return json.ToJsonString(JsonOutput.Options);
    }
}

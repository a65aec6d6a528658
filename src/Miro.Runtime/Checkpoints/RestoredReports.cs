using System.Collections.Generic;
using System.Text.Json;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;

namespace Miro.Runtime.Checkpoints;

/// <summary>
/// Task reports read back from a checkpoint hold their extensions as JSON; the energy section is
/// turned back into its <see cref="EnergyReport"/>, so the energy table, its total and
/// <c>summary.json</c> of a resumed run cover the tasks completed before the restart too.
/// </summary>
internal static class RestoredReports
{
    public static IReadOnlyList<TaskReport> Typed(IReadOnlyList<TaskReport> reports, JsonSerializerOptions json)
    {
        var typed = new List<TaskReport>(reports.Count);
        foreach (TaskReport report in reports)
        {
            if (report.Extensions?.GetValueOrDefault(EnergyHook.ExtensionName) is JsonElement element
                && element.Deserialize<EnergyReport>(json) is { } energy)
            {
                var extensions = new Dictionary<string, object>(report.Extensions) { [EnergyHook.ExtensionName] = energy };
                typed.Add(report with { Extensions = extensions });
            }
            else
            {
                typed.Add(report);
            }
        }

        return typed;
    }
}

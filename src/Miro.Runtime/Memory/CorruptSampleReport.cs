using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Miro.Runtime.Evaluation;

namespace Miro.Runtime.Memory;

/// <summary>
/// The stored samples a whole run found damaged (failed checksum at read time), summed over its
/// task reports, so a resumed run reports the samples found before the restart too. Written to
/// <c>summary.json</c> as <c>corruptedSamples</c> and printed by <c>miro run</c>.
/// </summary>
/// <param name="Count">How many samples.</param>
/// <param name="Ids">Their store ids, in the order found.</param>
public sealed record CorruptSampleReport(int Count, IReadOnlyList<long> Ids)
{
    /// <summary>The damaged samples listed in <paramref name="reports"/>; null when there were none.</summary>
    public static CorruptSampleReport? FromReports(IReadOnlyList<TaskReport> reports)
    {
        System.ArgumentNullException.ThrowIfNull(reports);
        var ids = new List<long>();
        foreach (TaskReport report in reports)
        {
            if (report.Extensions?.GetValueOrDefault(CorruptSampleGuard.IdsKey) is not { } value)
            {
                continue;
            }

            switch (value)
            {
                case IEnumerable<long> list:
                    ids.AddRange(list);
                    break;
                case JsonElement { ValueKind: JsonValueKind.Array } json: // a report restored from a checkpoint
                    foreach (JsonElement id in json.EnumerateArray())
                    {
                        ids.Add(id.GetInt64());
                    }

                    break;
            }
        }

        return ids.Count == 0 ? null : new CorruptSampleReport(ids.Count, ids);
    }

    /// <summary>Up to 20 ids, then how many more.</summary>
    public static string Format(IReadOnlyList<long> ids)
    {
        const int shown = 20;
        var parts = new List<string>();
        for (int i = 0; i < ids.Count && i < shown; i++)
        {
            parts.Add(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(", ", parts) + (ids.Count > shown ? string.Create(CultureInfo.InvariantCulture, $" and {ids.Count - shown} more") : "");
    }
}

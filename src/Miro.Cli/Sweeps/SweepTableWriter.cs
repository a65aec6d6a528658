using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Miro.Cli.Sweeps;

/// <summary>Writes a <see cref="SweepTable"/> as <c>sweep.md</c>, <c>sweep.csv</c> and <c>sweep.json</c>.</summary>
internal static class SweepTableWriter
{
    public const string MarkdownFile = "sweep.md";
    public const string CsvFile = "sweep.csv";
    public const string JsonFile = "sweep.json";

    /// <summary>Writes the three files into <paramref name="directory"/>; returns the Markdown.</summary>
    public static string WriteAll(string directory, SweepTable table)
    {
        Directory.CreateDirectory(directory);
        string markdown = Markdown(table);
        File.WriteAllText(Path.Combine(directory, MarkdownFile), markdown);
        File.WriteAllText(Path.Combine(directory, CsvFile), Csv(table));
        File.WriteAllText(Path.Combine(directory, JsonFile), Json(table));
        return markdown;
    }

    private static string Mark(SweepTable table, SweepRow row) => (row == table.Oracle, row == table.BestAccuracy) switch
    {
        (true, true) => "oracle, best accuracy",
        (true, false) => "oracle",
        (false, true) => "best accuracy",
        _ => "",
    };

    public static string Markdown(SweepTable table)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# Sweep of policy {table.Policy}: {table.Rows.Count} configuration(s)"));
        text.AppendLine();
        text.AppendLine("| K | configuration | seeds | accuracy % | joules | accuracy % per kJ | |");
        text.AppendLine("|---:|---|---:|---|---|---|---|");
        foreach (SweepRow row in table.Rows)
        {
            text.AppendLine(Invariant($"| {row.Configuration} | {row.Values} | {row.Seeds.Count} | {row.Accuracy.Mean:F2} ± {row.Accuracy.Std:F2} | {row.Joules.Mean:F1} ± {row.Joules.Std:F1} | {row.AccuracyPerKilojoule.Mean:F0} ± {row.AccuracyPerKilojoule.Std:F0} | {Mark(table, row)} |"));
        }

        text.AppendLine();
        text.AppendLine(Invariant($"Oracle (best accuracy per joule): configuration {table.Oracle.Configuration} ({table.Oracle.Values}), {table.Oracle.AccuracyPerKilojoule.Mean:F0} accuracy % per kJ."));
        text.AppendLine(Invariant($"Best accuracy: configuration {table.BestAccuracy.Configuration} ({table.BestAccuracy.Values}), {table.BestAccuracy.Accuracy.Mean:F2}%."));
        text.AppendLine(Invariant($"Mean ± sample standard deviation over seeds; joules per whole run, provenance: {table.Provenance}."));
        return text.ToString();
    }

    public static string Csv(SweepTable table)
    {
        var text = new StringBuilder();
        text.AppendLine("configuration,values,seeds,accuracy_mean,accuracy_std,joules_mean,joules_std,accuracy_per_kj_mean,accuracy_per_kj_std,mark,provenance");
        foreach (SweepRow row in table.Rows)
        {
            text.AppendLine(Invariant($"{row.Configuration},\"{row.Values}\",{row.Seeds.Count},{row.Accuracy.Mean:R},{row.Accuracy.Std:R},{row.Joules.Mean:R},{row.Joules.Std:R},{row.AccuracyPerKilojoule.Mean:R},{row.AccuracyPerKilojoule.Std:R},\"{Mark(table, row)}\",{table.Provenance}"));
        }

        return text.ToString();
    }

    public static string Json(SweepTable table) => JsonSerializer.Serialize(new
    {
        policy = table.Policy,
        provenance = table.Provenance,
        oracle = table.Oracle.Configuration,
        bestAccuracy = table.BestAccuracy.Configuration,
        rows = table.Rows.Select(r => new
        {
            configuration = r.Configuration,
            values = r.Values,
            seeds = r.Seeds,
            accuracyPercent = new { mean = r.Accuracy.Mean, std = r.Accuracy.Std },
            joules = new { mean = r.Joules.Mean, std = r.Joules.Std },
            accuracyPercentPerKilojoule = new { mean = r.AccuracyPerKilojoule.Mean, std = r.AccuracyPerKilojoule.Std },
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

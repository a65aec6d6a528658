using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Miro.Runtime.Evaluation;

/// <summary>Writes task reports (<c>task-01.json</c>, ...) and the run summary (<c>summary.json</c>) as indented JSON.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The file name of task <paramref name="task"/>'s report (one-based).</summary>
    public static string TaskFileName(int task) => string.Create(CultureInfo.InvariantCulture, $"task-{task:00}.json");

    /// <summary>Writes <paramref name="report"/> into <paramref name="directory"/> (created if needed); returns the file path.</summary>
    public static string WriteTask(string directory, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(directory, TaskFileName(report.Task), report);
    }

    /// <summary>Writes <paramref name="result"/> as <c>summary.json</c> into <paramref name="directory"/>; returns the file path.</summary>
    public static string WriteSummary(string directory, SessionResult result) => Write(directory, "summary.json", result);

    /// <summary>Serialises <paramref name="value"/> the way the report files are written.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static string Write<T>(string directory, string name, T value)
    {
        string path = Path.Combine(directory, name);
        try
        {
            Files.OwnerOnly.CreateDirectory(directory);
            // Durable like the checkpoint: a report a run announced must be on the device after a power cut.
            DurableFile.ReplaceText(path, ToJson(value));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(Files.FileFailure.Describe("write the report", path, e), e);
        }

        return path;
    }
}

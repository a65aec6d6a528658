using System;
using System.Globalization;
using System.IO;
using Miro.Runtime.Session;

namespace Miro.Cli;

/// <summary>
/// Shows a session's progress as plain lines, one per task start, epoch and task end: for output
/// that is redirected and for <c>--no-progress</c>. On a terminal <see cref="LiveProgress"/> draws bars instead.
/// </summary>
internal sealed class ConsoleProgress : IProgress<SessionProgress>
{
    private readonly TextWriter _out;

    public ConsoleProgress(TextWriter output) => _out = output;

    public void Report(SessionProgress value)
    {
        switch (value.Kind)
        {
            case SessionProgressKind.TaskStarted:
                Line($"task {value.Task}/{value.Tasks}");
                break;
            case SessionProgressKind.Profiling:
                Line(Format($"  profiling candidate {value.Step} of {value.Steps}"));
                break;
            case SessionProgressKind.EpochCompleted:
                Line(Format($"  epoch {value.Epoch}/{value.Epochs}  {value.Steps} steps  loss {value.Loss:F4}  train acc {Percent(value.RunningAccuracy)}"));
                break;
            case SessionProgressKind.TaskCompleted:
                Line(Format($"  task {value.Task} done: average accuracy over seen tasks {Percent(value.AverageAccuracy)}"));
                break;
        }
    }

    private void Line(string text)
    {
        _out.WriteLine(text);
        _out.Flush();
    }

    private static string Percent(double value) => double.IsNaN(value) ? "-" : Format($"{100 * value:F1}%");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

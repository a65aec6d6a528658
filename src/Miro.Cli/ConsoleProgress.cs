using System;
using System.Globalization;
using System.IO;
using Miro.Runtime.Session;

namespace Miro.Cli;

/// <summary>
/// Shows a session's progress on a console: on a terminal one status line is redrawn in place (the
/// session already throttles batch reports); when output is redirected only plain lines are written,
/// one per epoch and per task.
/// </summary>
internal sealed class ConsoleProgress : IProgress<SessionProgress>
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private int _statusLength;

    public ConsoleProgress(TextWriter output, bool interactive)
    {
        _out = output;
        _interactive = interactive;
    }

    public void Report(SessionProgress value)
    {
        switch (value.Kind)
        {
            case SessionProgressKind.TaskStarted:
                Line($"task {value.Task}/{value.Tasks}");
                break;
            case SessionProgressKind.Profiling when _interactive:
                Status(Format($"  profiling candidate {value.Step} of {value.Steps}"));
                break;
            case SessionProgressKind.Batch when _interactive:
                Status(Format($"  epoch {value.Epoch}/{value.Epochs}  step {value.Step}/{value.Steps}  loss {value.Loss:F4}  train acc {Percent(value.RunningAccuracy)}"));
                break;
            case SessionProgressKind.EpochCompleted:
                Line(Format($"  epoch {value.Epoch}/{value.Epochs}  {value.Steps} steps  loss {value.Loss:F4}  train acc {Percent(value.RunningAccuracy)}"));
                break;
            case SessionProgressKind.TaskCompleted:
                Line(Format($"  task {value.Task} done: average accuracy over seen tasks {Percent(value.AverageAccuracy)}"));
                break;
        }
    }

    private void Status(string text)
    {
        string padded = text.Length < _statusLength ? text.PadRight(_statusLength) : text;
        _out.Write('\r');
        _out.Write(padded);
        _out.Flush();
        _statusLength = text.Length;
    }

    private void Line(string text)
    {
        if (_interactive && _statusLength > 0)
        {
            _out.Write('\r');
            _out.Write(new string(' ', _statusLength));
            _out.Write('\r');
            _statusLength = 0;
        }

        _out.WriteLine(text);
        _out.Flush();
    }

    private static string Percent(double value) => double.IsNaN(value) ? "-" : Format($"{100 * value:F1}%");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

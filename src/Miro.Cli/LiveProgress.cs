using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Miro.Cli;

/// <summary>
/// Live progress on a terminal (Spectre.Console): a bar over the tasks with the joules spent so far
/// and the configuration in use, and a bar over the current epoch's steps with steps/s, loss and
/// training accuracy. Spectre draws from its own thread; the session reports from the trainer's
/// thread into thread-safe progress tasks. As a hook it reads the configuration each epoch
/// trains with (the controller may change it per task) and shows it on a third line. Plain lines are <see cref="ConsoleProgress"/>'s job.
/// </summary>
internal sealed class LiveProgress : IProgress<SessionProgress>, ISessionHook, IDisposable
{
    private readonly ManualResetEventSlim _finished = new();
    private readonly Task _renderer;
    private readonly ProgressTask _tasks;
    private readonly ProgressTask _epoch;
    private readonly ProgressTask _configurationLine;
    private string _configuration = "";
    private long _epochStart;
    private double _averageAccuracy = double.NaN;

    public LiveProgress(IAnsiConsole console)
    {
        var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        _renderer = Task.Run(() => console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new TextOnly(new ProgressBarColumn { Width = 24 }), new TextOnly(new PercentageColumn()))
            .Start(context =>
            {
                ready.SetResult(context);
                _finished.Wait();
                context.Refresh();
            }));
        ProgressContext progress = ready.Task.GetAwaiter().GetResult();
        _tasks = progress.AddTask("tasks", autoStart: true, maxValue: 1);
        _epoch = progress.AddTask("epoch", autoStart: true, maxValue: 1);
        _configurationLine = progress.AddTask("configuration", autoStart: true, maxValue: 1);
        _configurationLine.State.Update<bool>(TextOnly.Key, _ => true);
    }

    /// <summary>The run's meter, for the joules so far (set once the run is built; the run builds its meter).</summary>
    public IEnergyMeter? Meter { get; set; }

    public void OnEpochStart(TaskContext task, int epoch)
    {
        ArgumentNullException.ThrowIfNull(task);
        _configuration = Describe(task.Session.Configuration);
        _configurationLine.Description = Markup.Escape("configuration: " + _configuration);
    }

    public void Report(SessionProgress value)
    {
        switch (value.Kind)
        {
            case SessionProgressKind.TaskStarted:
                _tasks.MaxValue = value.Tasks;
                _tasks.Value = value.Task - 1;
                _tasks.Description = TaskLine(value.Task, value.Tasks);
                break;
            case SessionProgressKind.EpochStarted:
                _epochStart = Stopwatch.GetTimestamp();
                _epoch.Value = 0;
                _epoch.Description = Markup.Escape(Format($"epoch {value.Epoch}/{value.Epochs}"));
                _tasks.Description = TaskLine(value.Task, value.Tasks);
                break;
            case SessionProgressKind.Profiling:
                _epoch.MaxValue = Math.Max(1, value.Steps);
                _epoch.Value = value.Step;
                _epoch.Description = Markup.Escape(Format($"profiling candidate {value.Step} of {value.Steps}"));
                _tasks.Description = TaskLine(value.Task, value.Tasks);
                break;
            case SessionProgressKind.Batch or SessionProgressKind.EpochCompleted:
                _epoch.MaxValue = Math.Max(1, value.Steps);
                _epoch.Value = value.Step;
                double seconds = Stopwatch.GetElapsedTime(_epochStart).TotalSeconds;
                _epoch.Description = Markup.Escape(Format(
                    $"epoch {value.Epoch}/{value.Epochs}  step {value.Step}/{value.Steps}  {(seconds > 0 ? value.Step / seconds : 0):F0} steps/s  loss {value.Loss:F4}  acc {Percent(value.RunningAccuracy)}"));
                _tasks.Description = TaskLine(value.Task, value.Tasks);
                break;
            case SessionProgressKind.TaskCompleted:
                _averageAccuracy = value.AverageAccuracy;
                _tasks.Value = value.Task;
                _tasks.Description = TaskLine(value.Task, value.Tasks);
                if (value.Task == value.Tasks)
                {
                    // Done: draw the last frame now, before the results are printed below it.
                    Dispose();
                }

                break;
        }
    }

    public void Dispose()
    {
        if (!_finished.IsSet)
        {
            _finished.Set();
            _renderer.GetAwaiter().GetResult();
        }
    }

    private string TaskLine(int task, int tasks) => Markup.Escape(Format(
        $"task {task}/{tasks}  {Meter?.TotalJoules ?? 0:F1} J so far  avg acc {Percent(_averageAccuracy)}"));

    /// <summary>"EpisodicCapacity 200 · StreamCapacity 1200 · ..." from the record's own ToString, so settings the controller adds show up too.</summary>
    private static string Describe(TaskConfiguration configuration)
    {
        string text = configuration.ToString();
        int open = text.IndexOf('{', StringComparison.Ordinal);
        string members = open < 0 ? text : text[(open + 1)..].TrimEnd('}', ' ').Trim();
        return members.Replace(" = ", " ", StringComparison.Ordinal).Replace(", ", " · ", StringComparison.Ordinal);
    }

    /// <summary>A column drawn only for progress rows; rows marked in their state with <see cref="Key"/> are a line of text.</summary>
    private sealed class TextOnly(ProgressColumn inner) : ProgressColumn
    {
        public const string Key = "miro.textOnly";

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.State.Get<bool>(Key) ? Text.Empty : inner.Render(options, task, deltaTime);
    }

    private static string Percent(double value) => double.IsNaN(value) ? "-" : Format($"{100 * value:F1}%");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.IO;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Cli.Tests;

public sealed class ConsoleProgressTests
{
    private static SessionProgress Batch(int step) =>
        new(SessionProgressKind.Batch, 1, 5, 1, 3, step, 60, 0.5, 0.75, double.NaN);

    private static SessionProgress EpochDone() =>
        new(SessionProgressKind.EpochCompleted, 1, 5, 1, 3, 60, 60, 0.25, 0.875, double.NaN);

    [Fact]
    public void On_a_terminal_batches_redraw_one_status_line_that_a_plain_line_replaces()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, interactive: true);

        progress.Report(Batch(10));
        progress.Report(Batch(20));
        progress.Report(EpochDone());

        string text = output.ToString();
        Assert.StartsWith("\r  epoch 1/3  step 10/60  loss 0.5000  train acc 75.0%\r  epoch 1/3  step 20/60", text);
        Assert.EndsWith("\r  epoch 1/3  60 steps  loss 0.2500  train acc 87.5%" + output.NewLine, text);
    }

    [Fact]
    public void Redirected_output_gets_plain_lines_only()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, interactive: false);

        progress.Report(new SessionProgress(SessionProgressKind.TaskStarted, 1, 5, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN));
        progress.Report(Batch(10));
        progress.Report(EpochDone());
        progress.Report(new SessionProgress(SessionProgressKind.TaskCompleted, 1, 5, 3, 3, 0, 0, 0.25, double.NaN, 0.9));

        string nl = output.NewLine;
        Assert.Equal(
            "task 1/5" + nl +
            "  epoch 1/3  60 steps  loss 0.2500  train acc 87.5%" + nl +
            "  task 1 done: average accuracy over seen tasks 90.0%" + nl,
            output.ToString());
    }
}

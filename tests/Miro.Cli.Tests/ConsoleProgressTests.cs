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
    public void Redirected_output_gets_plain_lines_only()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output);

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

using System;
using System.IO;
using System.Text.Json;
using Miro.Runtime.Evaluation;
using Xunit;

namespace Miro.Runtime.Tests.Evaluation;

public sealed class AccuracyMatrixTests
{
    private static AccuracyMatrix Example()
    {
        var m = new AccuracyMatrix(3);
        m.SetRow(0, new[] { 0.9 });
        m.SetRow(1, new[] { 0.6, 0.8 });
        m.SetRow(2, new[] { 0.7, 0.5, 0.9 });
        return m;
    }

    [Fact]
    public void Average_accuracy_is_the_mean_of_the_row()
    {
        AccuracyMatrix m = Example();
        Assert.Equal(0.7, m.AverageAccuracy(1), 12);
        Assert.Equal(0.7, m.AverageAccuracy(2), 12);
    }

    [Fact]
    public void Forgetting_uses_the_best_earlier_accuracy_of_each_task()
    {
        // Task 1: best 0.9, now 0.7 -> 0.2; task 2: best 0.8, now 0.5 -> 0.3.
        Assert.Equal(0.25, Example().Forgetting(2), 12);
        Assert.Equal(0.3, Example().Forgetting(1), 12);
    }

    [Fact]
    public void Backward_transfer_compares_with_the_accuracy_right_after_learning()
    {
        // (0.7 - 0.9 + 0.5 - 0.8) / 2
        Assert.Equal(-0.25, Example().BackwardTransfer(2), 12);
    }

    [Fact]
    public void Rows_must_have_one_entry_per_seen_task()
    {
        var m = new AccuracyMatrix(3);
        Assert.Throws<ArgumentException>(() => m.SetRow(1, new[] { 0.5 }));
    }

    [Fact]
    public void Reports_are_written_as_camel_case_json()
    {
        using var dir = new TempDirectory();
        var report = new TaskReport
        {
            Task = 2,
            Classes = new[] { 3, 7 },
            StreamSamples = 100,
            Epochs = 1,
            Steps = 10,
            TrainedSamples = 120,
            FinalLoss = 0.5,
            StoppedEarly = false,
            Accuracies = new[] { 0.5, 0.75 },
            AverageAccuracy = 0.625,
            MemoryPerClass = new System.Collections.Generic.Dictionary<int, int> { [0] = 10 },
            Configuration = new TaskConfiguration(20, 100, 1, 10),
            Seconds = new PhaseTimes(0, 0, 1, 0, 0.5, 0),
        };

        string path = ReportWriter.WriteTask(dir.Path, report);

        Assert.Equal(Path.Combine(dir.Path, "task-02.json"), path);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(0.75, json.RootElement.GetProperty("accuracies")[1].GetDouble());
        Assert.Equal(20, json.RootElement.GetProperty("configuration").GetProperty("episodicCapacity").GetInt32());
        Assert.Equal(1.5, json.RootElement.GetProperty("seconds").GetProperty("total").GetDouble());
        Assert.False(json.RootElement.TryGetProperty("energyJoules", out _));
    }
}

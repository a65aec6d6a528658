using Miro.Runtime.Controller;
using Xunit;

namespace Miro.Runtime.Tests.Controller;

public sealed class EnergyExtrapolationTests
{
    [Fact]
    public void Balanced_replay_draws_a_minibatch_per_step_and_concat_replays_the_memory_once_per_epoch()
    {
        Assert.Equal((100L, 4L * 32), EnergyExtrapolation.RowsPerEpoch(100, 500, 32, replayPerStep: true));
        Assert.Equal((100L, 4L * 10), EnergyExtrapolation.RowsPerEpoch(100, 10, 32, replayPerStep: true));
        Assert.Equal((100L, 500L), EnergyExtrapolation.RowsPerEpoch(100, 500, 32, replayPerStep: false));
    }

    [Fact]
    public void Trial_joules_scale_by_rows_and_swap_reads_by_replay_rows()
    {
        // Trial: 1 epoch over 40 stream samples and 40 replay rows; 3 J in all, 1.5 J of it training, of which 1000 B of swap reads at 1 mJ/B.
        var trial = new TrialResult(new Candidate(100, 200, 0.5, 5, 32), 0.6, Joules: 3.0, TrainJoules: 1.5, Seconds: 1, Epochs: 1, StreamSamples: 40, EpisodicSamples: 20,
            Rows: 80, SwapBytesRead: 1000, GrowthBytesRead: 500);
        const double read = 1e-3;
        double compute = EnergyExtrapolation.ComputeJoules(trial, read);
        // Task: 5 epochs over 200 + 224 rows (7 steps of 32 replay rows); the EM grows by 2000 B.
        TaskWork work = TaskWork.For(epochs: 5, streamSamples: 200, episodicSamples: 100, batch: 32, replayPerStep: true, growthBytes: 2000);

        double joules = EnergyExtrapolation.TaskJoules(trial, compute, work, read);

        Assert.Equal(0.5, compute, 12); // 1.5 J of training - 1 J of swap reads; the copies and validation do not scale
        Assert.Equal(5 * (200 + 7 * 32), work.Rows);
        double expected = 0.5 * work.Rows / 80 + read * (1000.0 / 40 * work.ReplayRows + 2000);
        Assert.Equal(expected, joules, 9);
    }

    [Fact]
    public void Reads_that_cost_more_than_the_trial_measured_leave_no_negative_compute()
    {
        var trial = new TrialResult(new Candidate(100, 200, 0.5, 5, 32), 0.6, 0.2, 0.1, 1, 1, 40, 20, 80, 1000, 0);

        Assert.Equal(0, EnergyExtrapolation.ComputeJoules(trial, 1e-3));
    }
}

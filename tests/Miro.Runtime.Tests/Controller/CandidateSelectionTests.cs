using Miro.Dsl.Model;
using Miro.Runtime.Controller;
using Xunit;

namespace Miro.Runtime.Tests.Controller;

public sealed class CandidateSelectionTests
{
    private static CandidateMeasurement M(int em, double accuracy, double joules) => new(new Candidate(em, 400, null, 2, 32), accuracy, joules);

    // Accuracy order: D (0.80) > A (0.70) > C (0.60) > B (0.50). Per joule: B 0.05, C 0.03, A 0.0175, D 0.01.
    private static readonly CandidateMeasurement[] Four = [M(1, 0.70, 40), M(2, 0.50, 10), M(3, 0.60, 20), M(4, 0.80, 80)];

    [Fact]
    public void The_cut_line_keeps_the_top_share_by_accuracy_then_the_objective_picks()
    {
        Selection s = CandidateSelection.Select(Four, keepTop: 0.5, Objective.AccuracyPerJoule, double.PositiveInfinity);

        // Kept: D and A; of those A has the better accuracy per joule although B and C are better still.
        Assert.Equal(0, s.Chosen);
        Assert.Equal([CandidateVerdict.Chosen, CandidateVerdict.BelowCut, CandidateVerdict.BelowCut, CandidateVerdict.Kept], s.Verdicts);
        Assert.Equal(0.70 / 40, s.Scores[0], 12);
    }

    [Fact]
    public void Keeping_everything_lets_the_objective_decide()
    {
        Assert.Equal(1, CandidateSelection.Select(Four, 1.0, Objective.AccuracyPerJoule, double.PositiveInfinity).Chosen);
        Assert.Equal(3, CandidateSelection.Select(Four, 1.0, Objective.Accuracy, double.PositiveInfinity).Chosen);
        Assert.Equal(1, CandidateSelection.Select(Four, 1.0, Objective.Energy, double.PositiveInfinity).Chosen);
    }

    [Fact]
    public void The_cut_line_keeps_at_least_one_candidate()
    {
        Selection s = CandidateSelection.Select(Four, keepTop: 0.01, Objective.AccuracyPerJoule, double.PositiveInfinity);

        Assert.Equal(3, s.Chosen);
    }

    [Fact]
    public void The_budget_drops_candidates_before_the_cut_line_and_the_objective()
    {
        // 30 J left: A (40 J) and D (80 J) are dropped; of B and C the top 50% by accuracy is C.
        Selection s = CandidateSelection.Select(Four, 0.5, Objective.Accuracy, budgetLeftJoules: 30);

        Assert.Equal(2, s.Chosen);
        Assert.Equal([CandidateVerdict.OverBudget, CandidateVerdict.BelowCut, CandidateVerdict.Chosen, CandidateVerdict.OverBudget], s.Verdicts);
        Assert.Contains("30.0 J left", s.Reasons[0]);
        Assert.Null(s.Note);
    }

    [Fact]
    public void When_nothing_fits_the_budget_the_cheapest_is_taken_and_the_note_says_so()
    {
        Selection s = CandidateSelection.Select(Four, 0.5, Objective.Accuracy, budgetLeftJoules: 5);

        Assert.Equal(1, s.Chosen);
        Assert.All(new[] { 0, 2, 3 }, i => Assert.Equal(CandidateVerdict.OverBudget, s.Verdicts[i]));
        Assert.Contains("took the cheapest", s.Note);
    }

    [Fact]
    public void Ties_go_to_the_earlier_candidate()
    {
        CandidateMeasurement[] tied = [M(1, 0.5, 10), M(2, 0.5, 10), M(3, 0.5, 10)];

        Assert.Equal(0, CandidateSelection.Select(tied, 1.0, Objective.AccuracyPerJoule, double.PositiveInfinity).Chosen);
    }
}

using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Energy.Budgets;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

public sealed class BudgetEnforcerTests
{
    private static BudgetEnforcer Enforcer(int tasks, params BudgetSpec[] budgets) => new(budgets, tasks);

    [Fact]
    public void Warn_budget_reports_once_per_task_and_lets_training_continue()
    {
        var enforcer = Enforcer(2, new BudgetSpec(10, BudgetScope.PerTask, ExceedAction.Warn));
        enforcer.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(9.9, 99, 200).Verdict);
        Assert.Equal(BudgetVerdict.Warn, enforcer.Check(10.1, 101, 200).Verdict);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(20, 200, 200).Verdict);
        enforcer.BeginTask(2, 20);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(25, 50, 200).Verdict);
        Assert.Equal(BudgetVerdict.Warn, enforcer.Check(30, 100, 200).Verdict);

        Assert.Equal(new[] { 1, 2 }, enforcer.Events.Select(e => e.Task).ToArray());
        Assert.All(enforcer.Events, e => Assert.Contains("warn", e.Message));
    }

    [Fact]
    public void Stop_budget_stops_the_task_at_the_first_batch_boundary_past_the_limit()
    {
        var enforcer = Enforcer(3, new BudgetSpec(10, BudgetScope.PerTask, ExceedAction.Stop));
        enforcer.BeginTask(1, 100);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(109.9, 99, 200).Verdict);
        var decision = enforcer.Check(110.05, 100, 200);
        Assert.Equal(BudgetVerdict.Stop, decision.Verdict);
        Assert.False(decision.StopsRun);
        var e = Assert.Single(enforcer.Events);
        Assert.Equal(10.05, e.SpentJoules, 9);
        Assert.Contains("stops after 100 of 200 batches", e.Message);

        enforcer.BeginTask(2, 110.05);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(111, 1, 200).Verdict);
    }

    [Fact]
    public void Run_stop_budget_stops_the_current_and_every_later_task()
    {
        var enforcer = Enforcer(3, new BudgetSpec(15, BudgetScope.PerRun, ExceedAction.Stop));
        enforcer.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(10, 200, 200).Verdict);
        enforcer.BeginTask(2, 10);
        var decision = enforcer.Check(15, 100, 200);
        Assert.Equal(BudgetVerdict.Stop, decision.Verdict);
        Assert.True(decision.StopsRun);
        enforcer.BeginTask(3, 15);
        Assert.Equal(BudgetVerdict.Stop, enforcer.Check(15, 0, 200).Verdict);
        Assert.True(enforcer.RunStopped);
        Assert.Equal(new[] { 2, 3 }, enforcer.Events.Select(e => e.Task).ToArray());
    }

    [Fact]
    public void Degrade_keeps_the_fraction_of_remaining_work_that_lands_on_the_budget()
    {
        var enforcer = Enforcer(1, new BudgetSpec(50, BudgetScope.PerTask, ExceedAction.Degrade));
        enforcer.BeginTask(1, 0);
        // 1 J per batch, 100 batches planned: on course for 100 J against 50 J.
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(4, 4, 100).Verdict); // under 5 % progress: no projection yet
        var decision = enforcer.Check(5, 5, 100);
        Assert.Equal(BudgetVerdict.Degrade, decision.Verdict);
        Assert.Equal(45.0 / 95, decision.WorkScale, 9);
        var planned = 5 + 95 * decision.WorkScale;
        Assert.Equal(50, planned, 9);

        for (var done = 6; done < 50; done++)
            Assert.Equal(BudgetVerdict.Continue, enforcer.Check(done, done, planned).Verdict);
        Assert.Single(enforcer.Events);
    }

    [Fact]
    public void Degrade_that_cannot_hold_the_budget_stops_the_task_at_the_limit()
    {
        var enforcer = Enforcer(1, new BudgetSpec(50, BudgetScope.PerTask, ExceedAction.Degrade));
        enforcer.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Degrade, enforcer.Check(10, 10, 100).Verdict);
        // The loop could not shrink its plan (or batches got dearer): the allowance runs out.
        var decision = enforcer.Check(50, 30, 40);
        Assert.Equal(BudgetVerdict.Stop, decision.Verdict);
        Assert.False(decision.StopsRun);
        Assert.Equal(BudgetVerdict.Stop, enforcer.Events[^1].Verdict);
        Assert.Contains("although degraded", enforcer.Events[^1].Message);
    }

    [Fact]
    public void Run_degrade_budget_gives_each_remaining_task_an_even_share_of_what_is_left()
    {
        var enforcer = Enforcer(4, new BudgetSpec(100, BudgetScope.PerRun, ExceedAction.Degrade));
        enforcer.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(20, 100, 100).Verdict);
        enforcer.BeginTask(2, 40); // 40 J spent so far (20 of it between tasks): 60 J for 3 tasks = 20 J each
        var decision = enforcer.Check(44, 10, 100); // on course for 40 J
        Assert.Equal(BudgetVerdict.Degrade, decision.Verdict);
        Assert.Equal(20, enforcer.Events[0].LimitJoules, 9);
        Assert.Equal((20.0 - 4) / (40 - 4), decision.WorkScale, 9);
    }

    [Fact]
    public void Strongest_verdict_wins_when_several_budgets_fire()
    {
        var enforcer = Enforcer(1,
            new BudgetSpec(5, BudgetScope.PerTask, ExceedAction.Warn),
            new BudgetSpec(8, BudgetScope.PerTask, ExceedAction.Stop));
        enforcer.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Warn, enforcer.Check(6, 6, 10).Verdict);
        Assert.Equal(BudgetVerdict.Stop, enforcer.Check(8, 8, 10).Verdict);
        Assert.Equal(new[] { BudgetVerdict.Warn, BudgetVerdict.Stop }, enforcer.Events.Select(e => e.Verdict).ToArray());
    }
}

public sealed class ResumedBudgetTests
{
    [Fact]
    public void Resumed_run_charges_what_the_completed_tasks_spent_to_run_budgets()
    {
        var enforcer = new BudgetEnforcer(new[] { new BudgetSpec(15, BudgetScope.PerRun, ExceedAction.Stop) }, totalTasks: 3, completedTasks: 1, spentJoules: 12);
        enforcer.BeginTask(2, 0); // a fresh meter after the restart
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(2.9, 10, 100).Verdict);
        Assert.Equal(BudgetVerdict.Stop, enforcer.Check(3, 11, 100).Verdict);
    }

    [Fact]
    public void Resumed_run_degrade_shares_what_is_left_among_the_remaining_tasks()
    {
        var enforcer = new BudgetEnforcer(new[] { new BudgetSpec(100, BudgetScope.PerRun, ExceedAction.Degrade) }, totalTasks: 4, completedTasks: 2, spentJoules: 60);
        enforcer.BeginTask(3, 0);
        Assert.Equal(BudgetVerdict.Degrade, enforcer.Check(5, 10, 100).Verdict); // on course for 50 J against 40 / 2
        Assert.Equal(20, enforcer.Events[0].LimitJoules, 9);
    }

    [Fact]
    public void Degrade_projects_only_the_energy_spent_since_the_work_began()
    {
        var enforcer = new BudgetEnforcer(new[] { new BudgetSpec(60, BudgetScope.PerTask, ExceedAction.Degrade) }, 1);
        enforcer.BeginTask(1, 0);
        // The store write cost 20 J before training; then 0.3 J per batch, 100 batches: 50 J in all.
        enforcer.BeginWork(20);
        Assert.Equal(BudgetVerdict.Continue, enforcer.Check(23, 10, 100).Verdict);

        // Without BeginWork the 20 J would be extrapolated as if each batch cost 2.3 J: 230 J.
        var naive = new BudgetEnforcer(new[] { new BudgetSpec(60, BudgetScope.PerTask, ExceedAction.Degrade) }, 1);
        naive.BeginTask(1, 0);
        Assert.Equal(BudgetVerdict.Degrade, naive.Check(23, 10, 100).Verdict);
        Assert.Equal(230, naive.Events[0].ProjectedJoules, 9);
    }
}

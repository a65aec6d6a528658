using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Xunit;

namespace Miro.Runtime.Tests.Data;

public sealed class ClassIncrementalScenarioTests
{
    private static readonly Dataset Train = SyntheticData.Make(classes: 10, perClass: 20);
    private static readonly Dataset Test = SyntheticData.Make(classes: 10, perClass: 5);

    private static DataSpec Spec(int tasks = 5, int perTask = 2, double validation = 0, int[]? order = null)
        => new("synthetic", tasks, perTask, 16, validation, order is null ? null : new EquatableArray<int>(order));

    [Fact]
    public void Explicit_order_splits_classes_into_consecutive_tasks_renumbered_in_order()
    {
        var s = ClassIncrementalScenario.Create(Train, Test, Spec(order: new[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 }), seed: 1);

        Assert.Equal(5, s.Tasks.Count);
        Assert.Equal(new[] { 9, 8 }, s.Tasks[0].OriginalClasses);
        Assert.Equal(new[] { 0, 1 }, s.Tasks[0].Classes);
        Assert.Equal(new[] { 1, 0 }, s.Tasks[4].OriginalClasses);
        Assert.Equal(new[] { 8, 9 }, s.Tasks[4].Classes);
        // Task 1's training samples are exactly the samples of original classes 9 and 8, renumbered 0 and 1.
        Assert.Equal(40, s.Tasks[0].TrainIndices.Count);
        Assert.All(s.Tasks[0].TrainIndices, i => Assert.Equal(Train.Label(i) == 9 ? 0 : 1, s.Train.Label(i)));
        Assert.All(s.Tasks[0].TestIndices, i => Assert.Contains(Test.Label(i), new[] { 9, 8 }));
        Assert.Equal(10, s.Tasks[0].TestIndices.Count);
    }

    [Fact]
    public void Seeded_order_is_reproducible_and_depends_on_the_seed()
    {
        var a = ClassIncrementalScenario.Create(Train, Test, Spec(), seed: 3);
        var b = ClassIncrementalScenario.Create(Train, Test, Spec(), seed: 3);
        var c = ClassIncrementalScenario.Create(Train, Test, Spec(), seed: 4);

        Assert.Equal(a.ClassOrder, b.ClassOrder);
        Assert.NotEqual(a.ClassOrder, c.ClassOrder);
        Assert.Equal(Enumerable.Range(0, 10), a.ClassOrder.OrderBy(x => x));
    }

    [Fact]
    public void Validation_is_held_out_per_class_and_disjoint_from_the_stream()
    {
        var s = ClassIncrementalScenario.Create(Train, Test, Spec(validation: 0.25), seed: 1);

        foreach (ScenarioTask task in s.Tasks)
        {
            Assert.Empty(task.TrainIndices.Intersect(task.ValidationIndices));
            foreach (int cls in task.Classes)
            {
                Assert.Equal(5, task.ValidationIndices.Count(i => s.Train.Label(i) == cls));
                Assert.Equal(15, task.TrainIndices.Count(i => s.Train.Label(i) == cls));
            }
        }
    }

    [Fact]
    public void Fewer_tasks_than_classes_leave_the_rest_out()
    {
        var s = ClassIncrementalScenario.Create(Train, Test, Spec(tasks: 2, perTask: 3, order: Enumerable.Range(0, 10).ToArray()), seed: 1);

        Assert.Equal(6, s.ClassCount);
        var seen = new HashSet<int>(s.Tasks.SelectMany(t => t.TrainIndices).Select(i => Train.Label(i)));
        Assert.Equal(new HashSet<int> { 0, 1, 2, 3, 4, 5 }, seen);
    }

    [Fact]
    public void Too_many_tasks_for_the_dataset_is_an_argument_error_naming_the_numbers()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassIncrementalScenario.Create(Train, Test, Spec(tasks: 6, perTask: 2), seed: 1));

        Assert.Contains("has 10 classes but 6 tasks of 2 classes need 12", e.Message);
    }

    [Fact]
    public void Class_order_naming_a_missing_class_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ClassIncrementalScenario.Create(Train, Test, Spec(tasks: 1, perTask: 2, order: new[] { 3, 12 }), seed: 1));

        Assert.Contains("names class 12", e.Message);
    }
}

using System;
using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Data;

/// <summary>
/// Splits a dataset into class-incremental tasks: a (seeded or explicit) class order, cut into tasks
/// of <c>ClassesPerTask</c> classes; each task's training stream with a class-stratified validation
/// split held out, and its test samples. Labels are renumbered into class-order positions.
/// </summary>
public sealed class ClassIncrementalScenario
{
    private ClassIncrementalScenario(Dataset train, Dataset test, int[] classOrder, ScenarioTask[] tasks)
    {
        Train = train;
        Test = test;
        ClassOrder = classOrder;
        Tasks = tasks;
    }

    /// <summary>The training set, labels renumbered to class-order positions.</summary>
    public Dataset Train { get; }

    /// <summary>The test set, labels renumbered to class-order positions.</summary>
    public Dataset Test { get; }

    /// <summary>Original labels in the order the scenario presents them.</summary>
    public IReadOnlyList<int> ClassOrder { get; }

    /// <summary>The tasks, in order.</summary>
    public IReadOnlyList<ScenarioTask> Tasks { get; }

    /// <summary>The shape of one sample.</summary>
    public SampleShape Shape => Train.Shape;

    /// <summary>Number of classes over all tasks.</summary>
    public int ClassCount => Tasks.Count == 0 ? 0 : Tasks[^1].Classes[^1] + 1;

    /// <summary>Builds the scenario described by <paramref name="data"/> with <paramref name="seed"/>.</summary>
    /// <param name="train">The full training set.</param>
    /// <param name="test">The full test set (same sample shape).</param>
    /// <param name="data">Tasks, classes per task, validation fraction and class order.</param>
    /// <param name="seed">The run's seed (class order when not explicit, validation split).</param>
    /// <exception cref="ArgumentException">The data cannot make the requested tasks.</exception>
    public static ClassIncrementalScenario Create(Dataset train, Dataset test, DataSpec data, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(data);
        if (train.Shape != test.Shape)
        {
            throw new ArgumentException($"Training samples are {train.Shape} but test samples are {test.Shape} ({test.Source}).");
        }

        if (data.Tasks < 1 || data.ClassesPerTask < 1)
        {
            throw new ArgumentException($"A scenario needs at least 1 task of at least 1 class (got {data.Tasks} x {data.ClassesPerTask}).");
        }

        if (data.ValidationFraction is < 0 or >= 1)
        {
            throw new ArgumentException($"Validation fraction {data.ValidationFraction} must be in [0, 1).");
        }

        int needed = data.Tasks * data.ClassesPerTask;
        int[] order = ResolveClassOrder(train, data, seed, needed);

        // position[label] = index of the label in the class order, or -1 when the scenario skips it.
        int labelSpace = Math.Max(train.ClassCount, test.ClassCount);
        var position = new int[labelSpace];
        Array.Fill(position, -1);
        for (int i = 0; i < needed; i++)
        {
            position[order[i]] = i;
        }

        Dataset renumberedTrain = train.WithLabels(Renumber(train, position));
        Dataset renumberedTest = test.WithLabels(Renumber(test, position));
        var trainByClass = GroupByClass(renumberedTrain, needed);
        var testByClass = GroupByClass(renumberedTest, needed);
        Random split = SeedStreams.Create(seed, "validation-split");

        var tasks = new ScenarioTask[data.Tasks];
        for (int t = 0; t < data.Tasks; t++)
        {
            var classes = new int[data.ClassesPerTask];
            var original = new int[data.ClassesPerTask];
            var trainIdx = new List<int>();
            var validIdx = new List<int>();
            var testIdx = new List<int>();
            for (int c = 0; c < data.ClassesPerTask; c++)
            {
                int cls = t * data.ClassesPerTask + c;
                classes[c] = cls;
                original[c] = order[cls];
                List<int> samples = trainByClass[cls];
                if (samples.Count == 0)
                {
                    throw new ArgumentException($"{train.Source}: class {order[cls]} has no training samples.");
                }

                // Class-stratified hold-out: a seeded choice of round(n * fraction) samples per class.
                int holdOut = (int)Math.Round(samples.Count * data.ValidationFraction);
                int[] shuffled = samples.ToArray();
                split.Shuffle(shuffled);
                var held = new HashSet<int>(shuffled.AsSpan(0, holdOut).ToArray());
                foreach (int i in samples)
                {
                    (held.Contains(i) ? validIdx : trainIdx).Add(i);
                }

                testIdx.AddRange(testByClass[cls]);
            }

            tasks[t] = new ScenarioTask(t, classes, original, trainIdx.ToArray(), validIdx.ToArray(), testIdx.ToArray());
        }

        return new ClassIncrementalScenario(renumberedTrain, renumberedTest, order[..needed], tasks);
    }

    private static int[] ResolveClassOrder(Dataset train, DataSpec data, int seed, int needed)
    {
        if (data.ClassOrder is { } explicitOrder)
        {
            int[] order = System.Linq.Enumerable.ToArray(explicitOrder);
            if (order.Length < needed)
            {
                throw new ArgumentException($"The class order lists {order.Length} classes but {data.Tasks} tasks of {data.ClassesPerTask} need {needed}.");
            }

            var seen = new HashSet<int>();
            foreach (int c in order)
            {
                if (c < 0 || c >= train.ClassCount)
                {
                    throw new ArgumentException($"The class order names class {c}, but {train.Source} has classes 0..{train.ClassCount - 1}.");
                }

                if (!seen.Add(c))
                {
                    throw new ArgumentException($"The class order names class {c} twice.");
                }
            }

            return order;
        }

        if (train.ClassCount < needed)
        {
            throw new ArgumentException(
                $"{train.Source} has {train.ClassCount} classes but {data.Tasks} tasks of {data.ClassesPerTask} classes need {needed}.");
        }

        int[] shuffled = new int[train.ClassCount];
        for (int i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = i;
        }

        SeedStreams.Create(seed, "class-order").Shuffle(shuffled);
        return shuffled;
    }

    private static int[] Renumber(Dataset dataset, int[] position)
    {
        var labels = new int[dataset.Count];
        ReadOnlySpan<int> original = dataset.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            int p = original[i] < position.Length ? position[original[i]] : -1;
            // Samples of classes outside the scenario keep a label beyond the scenario's classes;
            // they belong to no task, so no learner ever sees them.
            labels[i] = p >= 0 ? p : position.Length + original[i];
        }

        return labels;
    }

    private static List<int>[] GroupByClass(Dataset dataset, int classes)
    {
        var groups = new List<int>[classes];
        for (int c = 0; c < classes; c++)
        {
            groups[c] = new List<int>();
        }

        ReadOnlySpan<int> labels = dataset.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < classes)
            {
                groups[labels[i]].Add(i);
            }
        }

        return groups;
    }
}

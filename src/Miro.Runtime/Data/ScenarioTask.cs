using System.Collections.Generic;

namespace Miro.Runtime.Data;

/// <summary>
/// One task of a class-incremental scenario. Class ids are positions in the scenario's class order
/// (task 1's classes are 0..k-1), which are the output units of the growing head.
/// </summary>
public sealed class ScenarioTask
{
    internal ScenarioTask(int index, int[] classes, int[] originalClasses, int[] train, int[] validation, int[] test)
    {
        Index = index;
        Classes = classes;
        OriginalClasses = originalClasses;
        TrainIndices = train;
        ValidationIndices = validation;
        TestIndices = test;
    }

    /// <summary>Zero-based task index.</summary>
    public int Index { get; }

    /// <summary>The task's classes, as positions in the class order (head output units).</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>The task's classes as labels of the original dataset.</summary>
    public IReadOnlyList<int> OriginalClasses { get; }

    /// <summary>Indices into the scenario's training set: the task's stream (validation excluded).</summary>
    public IReadOnlyList<int> TrainIndices { get; }

    /// <summary>Indices into the scenario's training set held out for validation (profiling).</summary>
    public IReadOnlyList<int> ValidationIndices { get; }

    /// <summary>Indices into the scenario's test set.</summary>
    public IReadOnlyList<int> TestIndices { get; }
}

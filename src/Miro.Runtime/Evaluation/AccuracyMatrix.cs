using System;
using System.Collections.Generic;

namespace Miro.Runtime.Evaluation;

/// <summary>
/// The accuracy matrix of a class-incremental run: <c>A[i, j]</c> is the accuracy on task
/// <c>j</c>'s test set after training task <c>i</c> (defined for <c>j ≤ i</c>). Metrics follow
/// Chaudhry et al. (forgetting) and Lopez-Paz &amp; Ranzato (backward transfer).
/// </summary>
public sealed class AccuracyMatrix
{
    private readonly double?[,] _values;

    /// <summary>Creates an empty matrix for <paramref name="tasks"/> tasks.</summary>
    public AccuracyMatrix(int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        Tasks = tasks;
        _values = new double?[tasks, tasks];
    }

    /// <summary>Number of tasks.</summary>
    public int Tasks { get; }

    /// <summary>Rows filled so far (tasks evaluated).</summary>
    public int CompletedRows { get; private set; }

    /// <summary>Accuracy on task <paramref name="evaluated"/> after training task <paramref name="after"/>, or null.</summary>
    public double? this[int after, int evaluated] => _values[after, evaluated];

    /// <summary>Records row <paramref name="after"/>: accuracies on tasks 0..after.</summary>
    public void SetRow(int after, IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(accuracies);
        if (after < 0 || after >= Tasks || accuracies.Count != after + 1)
        {
            throw new ArgumentException($"Row {after} needs {after + 1} accuracies, got {accuracies.Count}.");
        }

        for (int j = 0; j <= after; j++)
        {
            _values[after, j] = accuracies[j];
        }

        CompletedRows = Math.Max(CompletedRows, after + 1);
    }

    /// <summary>Row <paramref name="after"/> (tasks 0..after).</summary>
    public double[] Row(int after)
    {
        var row = new double[after + 1];
        for (int j = 0; j <= after; j++)
        {
            row[j] = _values[after, j] ?? double.NaN;
        }

        return row;
    }

    /// <summary>Mean accuracy over tasks 0..<paramref name="after"/> after training task <paramref name="after"/>.</summary>
    public double AverageAccuracy(int after)
    {
        double sum = 0;
        for (int j = 0; j <= after; j++)
        {
            sum += _values[after, j] ?? double.NaN;
        }

        return sum / (after + 1);
    }

    /// <summary>
    /// Average forgetting after task <paramref name="after"/>: for each earlier task, the best accuracy
    /// it ever had minus its accuracy now, averaged (0 when <paramref name="after"/> is 0).
    /// </summary>
    public double Forgetting(int after)
    {
        if (after == 0)
        {
            return 0;
        }

        double sum = 0;
        for (int j = 0; j < after; j++)
        {
            double best = double.MinValue;
            for (int l = j; l < after; l++)
            {
                best = Math.Max(best, _values[l, j] ?? double.NaN);
            }

            sum += best - (_values[after, j] ?? double.NaN);
        }

        return sum / after;
    }

    /// <summary>
    /// Backward transfer after task <paramref name="after"/>: mean over earlier tasks of (accuracy
    /// now − accuracy right after learning it); negative values mean forgetting.
    /// </summary>
    public double BackwardTransfer(int after)
    {
        if (after == 0)
        {
            return 0;
        }

        double sum = 0;
        for (int j = 0; j < after; j++)
        {
            sum += (_values[after, j] ?? double.NaN) - (_values[j, j] ?? double.NaN);
        }

        return sum / after;
    }

    /// <summary>The filled rows as jagged arrays (row i has i+1 entries).</summary>
    public double[][] ToRows()
    {
        var rows = new double[CompletedRows][];
        for (int i = 0; i < CompletedRows; i++)
        {
            rows[i] = Row(i);
        }

        return rows;
    }
}

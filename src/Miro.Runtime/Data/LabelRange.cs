using System;
using System.Globalization;

namespace Miro.Runtime.Data;

/// <summary>
/// Checks labels against the data set's class count. An out-of-range label is not a new class: it
/// is damage (a flipped byte, a file from another data set), and accepting it would silently add a
/// class and change the class order of every task after it.
/// </summary>
internal static class LabelRange
{
    /// <summary>Throws when a label is negative or not below <paramref name="classCount"/>.</summary>
    /// <exception cref="DataFormatException">Names <paramref name="labelsPath"/>, the first bad index and its value.</exception>
    public static void Check(ReadOnlySpan<int> labels, int classCount, string labelsPath)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                int bad = 0;
                foreach (int label in labels)
                {
                    bad += (uint)label >= (uint)classCount ? 1 : 0;
                }

                throw new DataFormatException(labelsPath, string.Create(CultureInfo.InvariantCulture,
                    $"label {labels[i]} at index {i} is out of range: the data set has {classCount} classes (labels 0..{classCount - 1}); " +
                    $"{bad} label(s) of {labels.Length} are out of range. The file is damaged or belongs to another data set: re-download or re-extract it."));
            }
        }
    }
}

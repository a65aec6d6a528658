using System;
using System.Linq;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class EntropySwapPolicyTests
{
    private static int[] Choose(int[] labels, float[] entropy, bool[] correct, int count)
    {
        var job = new SwapJob();
        job.Load(Enumerable.Range(100, labels.Length).ToArray(), entropy, correct);
        labels.CopyTo(job.Labels, 0);
        var chosen = new int[count];
        new EntropySwapPolicy().Choose(job, count, new Random(0), chosen);
        return chosen.Order().ToArray();
    }

    [Fact]
    public void Confidently_correct_low_entropy_samples_are_swapped_first_within_each_class()
    {
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];
        float[] entropy = [0.9f, 0.1f, 0.05f, 0.2f, 0.3f, 0.01f, 0.6f, 0.02f];
        bool[] correct = [true, true, false, true, true, true, true, false];
        // Class 0: correct ones by entropy are 1 (0.1), 3 (0.2), 0 (0.9); 2 is wrong though lowest.
        // Class 1: correct ones are 5 (0.01), 4 (0.3), 6 (0.6); 7 is wrong.
        Assert.Equal([1, 3, 4, 5], Choose(labels, entropy, correct, 4));
    }

    [Fact]
    public void The_budget_is_split_over_classes_in_proportion_to_their_slots()
    {
        int[] labels = [2, 2, 2, 2, 2, 2, 7, 7];
        float[] entropy = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.9f, 0.8f];
        bool[] correct = Enumerable.Repeat(true, 8).ToArray();
        // 4 swaps: class 2 holds 6/8 -> 3, class 7 holds 2/8 -> 1 (its lower-entropy sample, 7).
        Assert.Equal([0, 1, 2, 7], Choose(labels, entropy, correct, 4));
    }

    [Fact]
    public void Leftover_budget_goes_to_the_largest_remainder_then_the_smaller_label()
    {
        int[] labels = [0, 0, 0, 1, 1, 2];
        float[] entropy = [0.3f, 0.2f, 0.1f, 0.2f, 0.1f, 0.1f];
        bool[] correct = Enumerable.Repeat(true, 6).ToArray();
        // 3 swaps: shares 1.5, 1, 0.5 -> floors 1, 1, 0; the leftover ties (0.5 vs 0.5) and goes to class 0.
        Assert.Equal([1, 2, 4], Choose(labels, entropy, correct, 3));
    }

    [Fact]
    public void Misclassified_samples_are_swapped_only_when_a_class_quota_needs_them()
    {
        int[] labels = [5, 5, 5];
        float[] entropy = [0.1f, 0.9f, 0.5f];
        bool[] correct = [false, true, false];
        Assert.Equal([0, 1], Choose(labels, entropy, correct, 2));
    }
}

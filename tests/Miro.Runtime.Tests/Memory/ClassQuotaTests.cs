using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class ClassQuotaTests
{
    [Theory]
    [InlineData(100, new[] { 60, 60, 60 }, new[] { 34, 33, 33 })]
    [InlineData(100, new[] { 10, 60, 60 }, new[] { 10, 45, 45 })]
    [InlineData(100, new[] { 10, 20, 30 }, new[] { 10, 20, 30 })]
    [InlineData(5, new[] { 60, 60, 60, 60, 60, 60 }, new[] { 1, 1, 1, 1, 1, 0 })]
    public void Balanced_water_fills_with_the_remainder_to_the_oldest(int capacity, int[] available, int[] expected)
    {
        var quota = new int[available.Length];
        ClassQuota.Balanced(capacity, available, quota);
        Assert.Equal(expected, quota);
    }

    [Theory]
    [InlineData(50, new[] { 80, 20 }, new[] { 40, 10 })]
    [InlineData(10, new[] { 5, 5, 5 }, new[] { 4, 3, 3 })]
    [InlineData(100, new[] { 5, 5 }, new[] { 5, 5 })]
    public void Proportional_keeps_the_same_fraction_of_every_class(int capacity, int[] available, int[] expected)
    {
        var quota = new int[available.Length];
        ClassQuota.Proportional(capacity, available, quota);
        Assert.Equal(expected, quota);
    }
}

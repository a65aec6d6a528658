using System;
using System.Linq;
using Xunit;

namespace Miro.Runtime.Tests;

public sealed class SeededRandomTests
{
    [Fact]
    public void A_restored_state_continues_the_exact_same_stream()
    {
        var original = new SeededRandom(123);
        for (int i = 0; i < 17; i++)
        {
            original.Next();
        }
        var saved = original.State;
        var expected = Enumerable.Range(0, 50).Select(_ => original.Next(1000)).ToArray();
        var restored = new SeededRandom(saved);
        Assert.Equal(expected, Enumerable.Range(0, 50).Select(_ => restored.Next(1000)).ToArray());
    }

    [Fact]
    public void Shuffle_and_other_base_helpers_draw_from_the_seeded_stream()
    {
        int[] Shuffled(long seed)
        {
            var values = Enumerable.Range(0, 20).ToArray();
            new SeededRandom(seed).Shuffle(values);
            return values;
        }
        Assert.Equal(Shuffled(5), Shuffled(5));
        Assert.NotEqual(Shuffled(5), Shuffled(6));
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var random = new SeededRandom(9);
        var seen = new bool[7];
        for (int i = 0; i < 1000; i++)
        {
            int v = random.Next(3, 10);
            Assert.InRange(v, 3, 9);
            seen[v - 3] = true;
            double d = random.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999999999);
            Assert.InRange(random.NextInt64(-5, 5), -5, 4);
        }
        Assert.All(seen, Assert.True);
        Assert.Equal(0, random.Next(0));
    }

    [Fact]
    public void An_all_zero_state_is_rejected_as_damaged()
    {
        Assert.Throws<ArgumentException>(() => new SeededRandom(new RandomState(0, 0, 0, 0)));
    }
}

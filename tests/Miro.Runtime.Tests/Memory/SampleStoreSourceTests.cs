using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

/// <summary>The store as the sample source an episodic memory grows from (<see cref="ISampleSource"/>).</summary>
public sealed class SampleStoreSourceTests
{
    [Fact]
    public void Fetch_skips_excluded_stream_ids_and_stops_when_the_label_runs_out()
    {
        using var f = new SwapFixture(classes: 2, perClass: 2, stored: 5);
        var exclude = new HashSet<long> { SwapFixture.StoredId(1, 0), SwapFixture.StoredId(1, 3) };
        var features = new float[10 * SwapFixture.Features];
        var ids = new long[10];
        int got = f.Store.Fetch(1, 10, exclude, new SeededRandom(2), features, ids);
        Assert.Equal(3, got);
        Assert.Equal(new[] { SwapFixture.StoredId(1, 1), SwapFixture.StoredId(1, 2), SwapFixture.StoredId(1, 4) }, ids[..3].Order());
        for (int i = 0; i < got; i++)
        {
            Assert.True(SampleData.Matches(features.AsSpan(i * SwapFixture.Features, SwapFixture.Features), ids[i]));
        }
    }
}

using System;
using System.Linq;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;

namespace Miro.Runtime.Tests.Memory;

/// <summary>
/// An episodic memory of <c>classes x perClass</c> slots (stream ids 0..) and a store holding
/// <c>stored</c> samples per class with stream ids 1000 + label * 1000 + k. Every sample's features
/// are <see cref="SampleData.Features"/> of its stream id, so any row can be checked whole.
/// </summary>
internal sealed class SwapFixture : IDisposable
{
    public const int Features = 16;
    private readonly TempDirectory _dir = new();

    public SwapFixture(int classes = 4, int perClass = 8, int stored = 50, int[]? emptyInStore = null)
    {
        int n = classes * perClass;
        var labels = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
        var ids = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        var data = new Dataset(SampleData.Features(ids, Features), labels, new SampleShape(1, 1, Features), "fixture");
        var stream = new StreamBuffer(n, Features);
        stream.Load(data, Enumerable.Range(0, n).ToArray(), new Random(1));
        Memory = new EpisodicMemory(n, Features);
        Memory.UpdateAtTaskEnd(stream, new Random(2));

        Store = SampleStore.Open(_dir.Path, Features, SampleEncoding.Float32);
        for (int label = 0; label < classes; label++)
        {
            if (emptyInStore?.Contains(label) == true)
            {
                continue;
            }
            var sourceIds = Enumerable.Range(0, stored).Select(k => StoredId(label, k)).ToArray();
            Store.Append(2, sourceIds, Enumerable.Repeat(label, stored).ToArray(), SampleData.Features(sourceIds, Features));
        }
    }

    public EpisodicMemory Memory { get; }

    public SampleStore Store { get; }

    public string StoreDirectory => _dir.Path;

    public static long StoredId(int label, int k) => 1000 + label * 1000L + k;

    public static int LabelOfStored(long sourceId) => (int)((sourceId - 1000) / 1000);

    /// <summary>True when every slot holds a whole sample whose stream id matches its features and label.</summary>
    public bool SlotIsWhole(int slot, ReadOnlySpan<float> row)
    {
        long id = Memory.SampleId(slot);
        int label = Memory.Label(slot);
        bool labelOk = id >= 1000 ? LabelOfStored(id) == label : true;
        return labelOk && SampleData.Matches(row, id);
    }

    public void Dispose()
    {
        Store.Dispose();
        _dir.Dispose();
    }
}

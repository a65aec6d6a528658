using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// The in-DRAM index of the store: for each label, the ids of its samples in increasing order.
/// A random draw is one array lookup (no <c>ORDER BY RANDOM()</c> scan of the table), and the
/// oldest sample of a label, the one eviction removes, is the head of its list.
/// </summary>
internal sealed class LabelIndex
{
    private readonly SortedDictionary<int, IdList> _byLabel = new();

    public long Count { get; private set; }

    public IEnumerable<int> Labels
    {
        get
        {
            foreach (var (label, ids) in _byLabel)
            {
                if (ids.Count > 0)
                {
                    yield return label;
                }
            }
        }
    }

    public void Clear()
    {
        _byLabel.Clear();
        Count = 0;
    }

    public int CountOf(int label) => _byLabel.TryGetValue(label, out var ids) ? ids.Count : 0;

    /// <summary>Adds an id; ids of one label must arrive in increasing order.</summary>
    public void Add(int label, long id)
    {
        if (!_byLabel.TryGetValue(label, out var ids))
        {
            ids = new IdList();
            _byLabel.Add(label, ids);
        }
        ids.Add(id);
        Count++;
    }

    public long Oldest(int label) => _byLabel[label].Oldest;

    public void RemoveOldest(int label)
    {
        _byLabel[label].RemoveOldest();
        Count--;
    }

    public bool Remove(int label, long id)
    {
        if (_byLabel.TryGetValue(label, out var ids) && ids.Remove(id))
        {
            Count--;
            return true;
        }
        return false;
    }

    /// <summary>A copy of <paramref name="label"/>'s ids, oldest first.</summary>
    public long[] Snapshot(int label) => _byLabel.TryGetValue(label, out var ids) ? ids.ToArray() : [];

    /// <summary>A uniformly random id of <paramref name="label"/>, or -1 when it has none.</summary>
    public long Draw(int label, Random random)
    {
        if (!_byLabel.TryGetValue(label, out var ids) || ids.Count == 0)
        {
            return -1;
        }
        return ids.At(random.Next(ids.Count));
    }

    /// <summary>The label with the most samples (smallest label on ties), or -1 when empty.</summary>
    public int Fullest()
    {
        int best = -1;
        int bestCount = 0;
        foreach (var (label, ids) in _byLabel)
        {
            if (ids.Count > bestCount)
            {
                best = label;
                bestCount = ids.Count;
            }
        }
        return best;
    }

    /// <summary>Ids in increasing order with O(1) append, random access and head removal.</summary>
    private sealed class IdList
    {
        private long[] _ids = new long[64];
        private int _head;
        private int _end;

        public int Count => _end - _head;

        public long Oldest => _ids[_head];

        public long At(int i) => _ids[_head + i];

        public void Add(long id)
        {
            if (_end == _ids.Length)
            {
                int count = Count;
                var grown = count * 2 > _ids.Length ? new long[_ids.Length * 2] : _ids;
                Array.Copy(_ids, _head, grown, 0, count);
                _ids = grown;
                _head = 0;
                _end = count;
            }
            _ids[_end++] = id;
        }

        public void RemoveOldest() => _head++;

        public long[] ToArray() => _ids.AsSpan(_head, Count).ToArray();

        public bool Remove(long id)
        {
            int i = Array.BinarySearch(_ids, _head, Count, id);
            if (i < 0)
            {
                return false;
            }
            Array.Copy(_ids, i + 1, _ids, i, _end - i - 1);
            _end--;
            return true;
        }
    }
}

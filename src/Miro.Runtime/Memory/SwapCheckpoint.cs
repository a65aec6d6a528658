using System;
using System.Collections.Generic;
using System.IO;
using System.Buffers.Binary;

namespace Miro.Runtime.Memory;

/// <summary>
/// What a checkpoint taken between two steps saves of swapping, and what a resumed
/// <see cref="SwapWorker"/> starts from: the generators (<see cref="State"/>, saved in the
/// checkpoint's manifest) and the taken, unpublished replacements (<see cref="Pending"/>, oldest
/// request first, saved in the checkpoint's <see cref="PendingSection"/> section in the binary
/// format of <see cref="WritePending"/>).
/// </summary>
/// <param name="State">The worker's generators.</param>
/// <param name="Pending">The requests taken but not yet published.</param>
internal sealed record SwapCheckpoint(SwapWorkerState State, IReadOnlyList<PendingSwap> Pending)
{
    /// <summary>The checkpoint section holding <see cref="Pending"/>.</summary>
    public const string PendingSection = "swap.pending";

    /// <summary>
    /// <see cref="Pending"/> as the <c>swap.pending</c> section: the request count, then per request
    /// its slot count, (slot, label, id) per slot and the feature rows (little-endian throughout);
    /// null when nothing is pending.
    /// </summary>
    public byte[]? WritePending()
    {
        if (Pending.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Pending.Count);
            foreach (PendingSwap swap in Pending)
            {
                writer.Write(swap.Slots.Length);
                for (int i = 0; i < swap.Slots.Length; i++)
                {
                    writer.Write(swap.Slots[i]);
                    writer.Write(swap.Labels[i]);
                    writer.Write(swap.Ids[i]);
                }

                foreach (float value in swap.Features)
                {
                    writer.Write(value); // BinaryWriter writes little-endian on every platform
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a <c>swap.pending</c> section written by <see cref="WritePending"/>.</summary>
    /// <param name="bytes">The section.</param>
    /// <param name="featureCount">Values per sample of the memory the swaps are for.</param>
    /// <exception cref="EndOfStreamException">The section is truncated.</exception>
    public static PendingSwap[] ReadPending(byte[] bytes, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var pending = new PendingSwap[reader.ReadInt32()];
        for (int j = 0; j < pending.Length; j++)
        {
            int n = reader.ReadInt32();
            var slots = new int[n];
            var labels = new int[n];
            var ids = new long[n];
            for (int i = 0; i < n; i++)
            {
                slots[i] = reader.ReadInt32();
                labels[i] = reader.ReadInt32();
                ids[i] = reader.ReadInt64();
            }

            byte[] raw = reader.ReadBytes(n * featureCount * sizeof(float));
            if (raw.Length != n * featureCount * sizeof(float))
            {
                throw new EndOfStreamException();
            }

            var features = new float[n * featureCount];
            for (int i = 0; i < features.Length; i++)
            {
                features[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * sizeof(float)));
            }

            pending[j] = new PendingSwap(slots, labels, ids, features);
        }

        return pending;
    }
}
